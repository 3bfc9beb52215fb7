/* Report paths are checked before a run, so that an hour of load is not lost to a typo in --json. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The closest folder that exists on the way up from `path` (the report writer creates the missing ones). */
async function existingAncestor(path: string): Promise<string> {
  let dir = dirname(path);
  while ((await kindOf(dir)) === undefined && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Throws a UsageError (exit 2) when `flag`'s file could not be written after the run. */
export async function checkWritable(flag: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  const full = resolve(path);
  const fix = `name a file in a folder you can write, e.g. ${flag} ./bench.${flag === '--html' ? 'html' : 'json'}`;
  const kind = await kindOf(full);
  if (kind === 'directory') throw new UsageError(`${flag} ${path} is a folder, not a file`, fix);
  if (kind === 'file' || kind === 'other') {
    if (!(await writable(full))) throw new UsageError(`${flag} ${path} cannot be written (permission denied)`, fix);
    return;
  }
  const dir = await existingAncestor(full);
  if ((await kindOf(dir)) !== 'directory') throw new UsageError(`${flag} ${path}: ${dir} is not a folder`, fix);
  if (!(await writable(dir))) throw new UsageError(`${flag} ${path}: cannot create files in ${dir} (permission denied)`, fix);
}
