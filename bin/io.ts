import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What a command may touch: its output streams and files. Tests hand in their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  writeFile: (path: string, content: string) => Promise<void>;
}

/** Writes a report file, creating its folder first (`--reporter junit:reports/check.xml` on a fresh clone). */
async function writeReport(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content, 'utf8');
}

const closed = { stdout: false, stderr: false };

/**
 * A reader that goes away (`eliza-wire spec --list | head`) closes the pipe: later writes are dropped instead of
 * crashing the process with EPIPE, so the command still ends as it would, children and reports included.
 */
function watchPipe(name: 'stdout' | 'stderr'): void {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed[name] = true;
  });
}
watchPipe('stdout');
watchPipe('stderr');

export const processIo: CliIo = {
  stdout: (text) => {
    if (!closed.stdout) process.stdout.write(text);
  },
  stderr: (text) => {
    if (!closed.stderr) process.stderr.write(text);
  },
  writeFile: writeReport,
};
