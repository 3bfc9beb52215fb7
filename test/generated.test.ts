import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const script = join(root, 'scripts/generate.ts');
let copy = '';

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'eliza-wire-generated-'));
  await cp(join(root, 'spec/generated'), join(copy, 'spec/generated'), { recursive: true });
  await cp(join(root, 'docs'), join(copy, 'docs'), { recursive: true });
});
afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('the stale check of generated files', () => {
  it('passes on the committed files', async () => {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', script, '--check', '--root', copy], { cwd: root });
    expect(stdout).toContain('up to date');
  }, 60_000);

  it('fails, naming the file and the fix, when one is stale', async () => {
    await writeFile(join(copy, 'spec/generated/asyncapi.documented.json'), '{}\n');
    const error = (await exec(process.execPath, ['--import', 'tsx', script, '--check', '--root', copy], { cwd: root }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('spec/generated/asyncapi.documented.json');
    expect(error.stderr).toContain('npm run generate');
  }, 60_000);
});
