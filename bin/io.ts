import { writeFile } from 'node:fs/promises';

/** What a command may touch: its output streams and files. Tests hand in their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  writeFile: (path: string, content: string) => Promise<void>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: (path, content) => writeFile(path, content, 'utf8'),
};
