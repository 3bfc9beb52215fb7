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

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: writeReport,
};
