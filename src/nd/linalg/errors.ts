/** The error of `nd.linalg`, named after NumPy's `numpy.linalg.LinAlgError`. */
import { ValueError } from '../errors.js';

/**
 * A matrix the operation cannot handle: `Singular matrix`, `Matrix is not positive definite`,
 * `Last 2 dimensions of the array must be square`, `SVD did not converge` … It extends
 * `ValueError`, as NumPy's `LinAlgError` does.
 */
export class LinAlgError extends ValueError {}
