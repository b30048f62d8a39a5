/**
 * mlseries: deep learning from scratch in TypeScript.
 *
 * The floors, bottom up (see ARCHITECTURE.md): `nd` (NumPy-style arrays) → kernels → autograd →
 * nn/optim → keras; `plot` draws figures in Node and the browser.
 *
 * ```ts
 * import { nd } from 'mlseries';
 * const a = nd.arange(6).reshape(2, 3);
 * console.log(a.sum({ axis: 0 }).toString()); // array([3, 5, 7])
 * ```
 */
export * as nd from './nd/index.js';
export * as plot from './plot/index.js';
export * as data from './data/index.js';
export * as autograd from './autograd/index.js';
export * as io from './io/index.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as keras from './keras/index.js';
export * as kernels from './kernels/index.js';
export { setBackend, getBackend, setThreads, getThreads, ready } from './kernels/index.js';
