/** Errors of the data floor that are not NumPy's (those live in src/nd/errors.ts). */
import { MLSeriesError } from '../nd/errors.js';

/** What happened at one mirror. */
export interface DownloadAttempt {
  url: string;
  reason: string;
  /** True when the mirror could not be reached at all (DNS, refused, unreachable, timeout). */
  unreachable: boolean;
}

/** Every mirror failed; `attempts` says why, one entry per mirror; `offline` when none was reachable. */
export class DownloadError extends MLSeriesError {
  readonly attempts: readonly DownloadAttempt[];
  readonly offline: boolean;
  constructor(message: string, attempts: readonly DownloadAttempt[], offline: boolean) {
    super(message);
    this.attempts = attempts;
    this.offline = offline;
  }
}
