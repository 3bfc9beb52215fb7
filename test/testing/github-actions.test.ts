import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startMockServer, type StartedMockServer } from '../../testing/index.js';

const WORKFLOW = 'examples/github-actions/eliza-wire-check.yml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; env: Record<string, string>; steps: Step[] }>;
}

const workflow = parse(await readFile(WORKFLOW, 'utf8')) as Workflow;
const job = workflow.jobs.conformance!;
const step = (name: string): Step => {
  const found = job.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step named "${name}" in ${WORKFLOW}`);
  return found;
};

/** Runs a step's script as GitHub's default shell does (bash -e -o pipefail); the error carries its output. */
async function bash(script: string, env: Record<string, string | undefined>): Promise<void> {
  await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { env, timeout: 60_000 }).catch((e: { stdout?: string; stderr?: string; code?: number }) => {
    throw new Error(`exit ${e.code}: ${e.stdout}${e.stderr}`);
  });
}

describe(WORKFLOW, () => {
  it('parses as a workflow: triggers, permissions for the check run, one job on ubuntu', () => {
    expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read', checks: 'write' });
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.steps.map((s) => s.name ?? s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'Start the server under test',
      'Conformance checks',
      'Markdown report to the step summary',
      'Upload the reports',
      'Publish the JUnit report',
    ]);
  });

  it('starts a server only without a URL, and always publishes the reports', () => {
    expect(step('Start the server under test').if).toBe("env.TARGET_URL == ''");
    for (const name of ['Markdown report to the step summary', 'Upload the reports', 'Publish the JUnit report']) expect(step(name).if).toMatch(/^always\(\)/);
    expect(step('Upload the reports')).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'eliza-wire-reports/' } });
    expect(step('Publish the JUnit report')).toMatchObject({ uses: 'dorny/test-reporter@v2', with: { path: 'eliza-wire-reports/eliza-wire.junit.xml', reporter: 'java-junit' } });
    expect(job.env.REPORTS).toBe('eliza-wire-reports');
  });

  describe('its check and summary steps, run by bash against the mock', () => {
    let server: StartedMockServer;
    let dir: string;
    beforeAll(async () => {
      server = await startMockServer();
      dir = await mkdtemp(join(tmpdir(), 'eliza-wire-gha-'));
    });
    afterAll(async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('writes a JUnit report and appends the Markdown report to $GITHUB_STEP_SUMMARY', async () => {
      const env = { ...process.env, TARGET_URL: server.url, PROFILE: 'elizaos-1.7', REPORTS: join(dir, 'reports'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), API_KEY: '', SOCKET_API_KEY: '' };
      // This checkout has no built bin on the PATH: the CLI runs from source; one check keeps the test about the
      // workflow (flags, files, summary), not about the checks, which have tests of their own.
      const check = step('Conformance checks').run!.replace('npx eliza-wire check', 'node --import tsx bin/eliza-wire.ts check --only rest.reads.conformance');
      expect(check).not.toBe(step('Conformance checks').run);
      await bash(check, env);
      await bash(step('Markdown report to the step summary').run!, env);
      const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(dir, 'reports', 'eliza-wire.junit.xml'), 'utf8')) as { testsuites: Record<string, string> };
      expect(junit.testsuites['@_failures']).toBe('0');
      expect(junit.testsuites['@_tests']).toBe('1');
      const summary = await readFile(join(dir, 'summary.md'), 'utf8');
      expect(summary).toMatch(/^## eliza-wire: ✅ conforms \(elizaos-1\.7, level MUST\)/);
      expect(summary).toContain(`Target \`${server.url}\``);
    }, 60_000);

    it('says in the summary when the check wrote no report', async () => {
      const env = { ...process.env, REPORTS: join(dir, 'none'), GITHUB_STEP_SUMMARY: join(dir, 'empty-summary.md') };
      await bash(step('Markdown report to the step summary').run!, env);
      expect(await readFile(join(dir, 'empty-summary.md'), 'utf8')).toMatch(/^No report: the check did not run/);
    });
  });
});
