import type { CheckResult } from './model.js';

/** The target stopped answering during a run: the run ended early (the CLI exits 2), with what had finished. */
export class TargetLostError extends Error {
  readonly code = 'ELIZA_WIRE_TARGET_LOST';
  constructor(
    readonly target: string,
    /** Why it counts as gone, e.g. `ECONNREFUSED (nothing listens on 127.0.0.1:3000)`. */
    readonly reason: string,
    /** The checks that had finished before it went away, sorted by id. */
    readonly finished: CheckResult[],
    /** Every check the run had selected. */
    readonly total: number,
  ) {
    const ids = finished.map((r) => r.id);
    super(`${target} went away during the run (${reason}): ${ids.length} of ${total} checks had finished${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`);
    this.name = 'TargetLostError';
  }
}
