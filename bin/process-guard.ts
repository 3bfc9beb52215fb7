import type { CliIo } from './io.js';

/** How many internal errors are printed in full before they are only counted. */
const PRINTED = 5;

/**
 * Keeps a long-running command (the mock) alive through an error nothing else caught, so one client's input can
 * never stop the server for everyone: each such error is one stderr line without a stack (the first few; then a
 * count every 1,000). Returns the function that removes the guard. Programmer errors still surface in tests,
 * which run the library, not this command.
 */
export function guardProcess(io: CliIo, name: string): () => void {
  let seen = 0;
  const onError = (error: unknown) => {
    seen += 1;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (seen <= PRINTED) io.stderr(`${name}: internal error, still running (please report it): ${message.split('\n')[0]}\n`);
    else if (seen % 1000 === 0) io.stderr(`${name}: ${seen} internal errors so far, still running\n`);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}
