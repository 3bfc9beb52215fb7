import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainLine } from '../../reporters/text.js';
import { allChecks, describeChecks, type CheckInfo, type CheckResult } from '../../suites/index.js';
import { cli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

let dir = '';
let aFile = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-check-out-'));
  aFile = join(dir, 'a-file');
  await writeFile(aFile, 'not a folder');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('check --list', () => {
  it('lists every check with its levels per profile, title and spec ids, and how to run some', async () => {
    const { code, stdout } = await cli('check', '--list');
    expect(code).toBe(0);
    for (const c of allChecks()) {
      expect(stdout).toContain(`${c.id}  (${Object.entries(c.levels).map(([p, l]) => `${p} ${l}`).join(', ')})`);
      expect(stdout).toContain(`    ${c.title}\n    spec: ${c.specIds.join(', ')}`);
    }
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${allChecks().length} checks\\. Run some with: eliza-wire check --only "socket\\.\\*"`));
  });

  it('prints JSON with --json, filtered by --only', async () => {
    const { code, stdout } = await cli('check', '--list', '--json', '--only', 'rest.auth.*');
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as CheckInfo[];
    expect(listed).toEqual(describeChecks(allChecks().filter((c) => c.id.startsWith('rest.auth.'))));
    expect(listed.length).toBeGreaterThan(0);
  });

  it('is the command the hint of an unmatched --only names, and that command works', async () => {
    const miss = await cli('check', '--only', 'x.*');
    expect(miss.code).toBe(2);
    const hinted = /eliza-wire (check --list)/.exec(miss.stderr)?.[1];
    expect(hinted).toBe('check --list');
    expect((await cli(...(hinted ?? '').split(' '))).code).toBe(0);
  });

  it('refuses --json without --list, naming both ways that work', async () => {
    const { code, stderr } = await cli('check', '--json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--json goes with --list\n {2}for a JSON report of a run use --reporter json:report\.json; to list the checks as JSON: eliza-wire check --list --json/);
  });
});

describe('check --help', () => {
  it('states the real choices of --level and what each runs', async () => {
    const { stdout } = await cli('check', '--help');
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/--level <level> the strictest level to run: must \(MUST checks\), should \(MUST and SHOULD\), may \(every check\) \(choices: "must", "should", "may"/);
  });
});

describe('report paths are checked before the run', () => {
  it.each([
    ['a path under a file', () => ['--reporter', `junit:${join(aFile, 'junit.xml')}`], /^eliza-wire: --reporter junit: .*a-file\/junit\.xml: .*a-file is not a folder; name a file in a folder you can write, e\.g\. --reporter junit:reports\/check\.xml\n$/],
    ['a folder', () => ['--reporter', `json:${dir}`], /^eliza-wire: --reporter json: .* is a folder, not a file; name a file/],
  ])('check: %s is a usage error (one line, exit 2) and no check runs', async (_, args, line) => {
    const t0 = performance.now();
    const { code, stdout, stderr } = await cli('check', ...args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(line);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('diff: --json and --markdown are checked before the servers are contacted', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    for (const flag of ['--json', '--markdown']) {
      const { code, stderr } = await cli('diff', closed, closed, flag, join(aFile, 'diff.out'));
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^eliza-wire: ${flag} .*a-file is not a folder; name a file in a folder you can write, e\\.g\\. ${flag} diff\\.(json|md)\\n$`));
    }
  });
});

describe('what check prints', () => {
  it('prints the verdict and where the reports went when every reporter writes a file', async () => {
    const junit = join(dir, 'junit.xml');
    const json = join(dir, 'report.json');
    const { code, stdout } = await cli('check', '--only', 'rest.reads.*', '--reporter', `junit:${junit}`, '--reporter', `json:${json}`);
    expect(code).toBe(0);
    expect(stdout).toBe(`1 passed, 0 failed, 0 skipped\nreports: junit → ${junit}, json → ${json}\n`);
    expect(await readFile(junit, 'utf8')).toContain('<testsuites');
  }, 30_000);

  it('adds nothing to a report written to stdout (it stays parseable JSON)', async () => {
    const { stdout } = await cli('check', '--only', 'rest.reads.*', '--reporter', 'json');
    expect((JSON.parse(stdout) as { summary: unknown }).summary).toEqual({ passed: 1, failed: 0, skipped: 0 });
  }, 30_000);

  it('shows a domain whose checks were all skipped as skipped, not as 0 passed', async () => {
    const { stdout } = await cli('check', '--only', 'rest.auth.*,rest.reads.*');
    expect(stdout).toMatch(/^ {2}auth: 3 skipped$/m);
    expect(stdout).not.toMatch(/auth: 0\/3 passed/);
    expect(stdout).toMatch(/^ {2}rest: 1\/1 passed$/m);
  }, 30_000);

  it('counts skipped checks apart in a domain line', () => {
    const r = (status: CheckResult['status']) => ({ status }) as CheckResult;
    expect(domainLine('socket', [r('passed'), r('failed'), r('skipped')])).toBe('socket: 1/2 passed, 1 skipped');
    expect(domainLine('auth', [r('skipped'), r('skipped')])).toBe('auth: 2 skipped');
  });
});
