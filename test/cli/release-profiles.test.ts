import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { RELEASE_PROFILES } from '../../spec/profiles.js';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function eliza(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function ready(child: ChildProcess): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line in 15 s: ${out}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('READY '.length));
      }
    });
    child.once('exit', (code) => reject(new Error(`mock exited ${code} before READY: ${out}`)));
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('release profiles on the command line', () => {
  it('lists every release profile among the --profile choices of check and mock', async () => {
    for (const command of ['check', 'mock']) {
      const { code, stdout } = await finished(eliza([command, '--help']));
      expect(code).toBe(0);
      for (const profile of RELEASE_PROFILES) expect(stdout, `${command} --help`).toContain(`"${profile}"`);
    }
  }, 30_000);

  it('check --profile elizaos-1.6 passes against mock --profile elizaos-1.6 (1.6 inherits 1.7 until its differences are encoded)', async () => {
    const mock = eliza(['mock', '--profile', 'elizaos-1.6', '--port', '0', '--log-level', 'silent']);
    const url = await ready(mock);
    const { code, stdout, stderr } = await finished(eliza(['check', url, '--profile', 'elizaos-1.6']));
    expect(stderr).toBe('');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed, \d+ skipped$/);
    expect(code).toBe(0);
    mock.kill('SIGTERM');
    expect((await finished(mock)).code).toBe(0);
  }, 90_000);
});
