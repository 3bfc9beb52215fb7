import { writeFile } from 'node:fs/promises';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';

/** What one CLI call printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `eliza-wire <argv…>` in this process, capturing its output; files are written for real. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: (p, c) => writeFile(p, c, 'utf8') };
  return { code: await run(argv, io), stdout, stderr };
}
