/* SIGINT and SIGTERM during `eliza-wire bench`: the first ends the run with its partial results, a second at once. */
import type { CliIo } from './io.js';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

export interface Interrupt {
  /** Fires on the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** The signal that stopped the run, if one did. */
  received: () => StopSignal | undefined;
  /** 130 after SIGINT, 143 after SIGTERM, undefined otherwise. */
  exitCode: () => number | undefined;
  /** Removes the handlers (the run is over). */
  dispose: () => void;
}

/**
 * Catches SIGINT and SIGTERM for the length of a run. The first aborts `signal` (the run stops, writes its partial
 * results and stops its children); a second one calls `hardStop` (kill the children) and ends the process with
 * the exit code of the first.
 */
export function catchInterrupts(io: CliIo, hardStop: () => void, partial = 'what was measured so far'): Interrupt {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handler = (name: StopSignal) => {
    if (received) {
      io.stderr(`eliza-wire: ${name} again: stopping at once, without the partial results\n`);
      hardStop();
      process.exit(EXIT_CODES[received]);
    }
    received = name;
    io.stderr(`\neliza-wire: ${name}: stopping the run and writing ${partial} (${name} again to stop at once)\n`);
    controller.abort();
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received ? EXIT_CODES[received] : undefined),
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
