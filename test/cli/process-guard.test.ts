import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const guard = fileURLToPath(new URL('../../bin/process-guard.ts', import.meta.url));

/** A process that installs the guard, then throws outside any handler and rejects a promise nobody awaits. */
const script = `
import { guardProcess } from ${JSON.stringify(guard)};
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), writeFile: async () => {} };
guardProcess(io, 'eliza-wire mock');
setTimeout(() => { throw new RangeError('Maximum call stack size exceeded'); }, 0);
setTimeout(() => { void Promise.reject(new Error('publish failed')); }, 10);
setTimeout(() => { process.stdout.write('still alive\\n'); }, 100);
`;

describe('the mock command keeps running through an error nothing caught', () => {
  it('prints one line per error, no stack, and the process goes on', () => {
    const run = spawnSync(process.execPath, [tsx, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toContain('still alive');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('eliza-wire mock: internal error, still running (please report it): RangeError: Maximum call stack size exceeded');
    expect(run.stderr).toContain('Error: publish failed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
