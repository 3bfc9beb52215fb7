import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { flows, restOperations, socketEvents } from '../../spec/index.js';
import { cli } from '../helpers/cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eliza-wire spec', () => {
  it('--list prints every entry, then counts per domain and per profile', async () => {
    const { code, stdout } = await cli('spec', '--list');
    expect(code).toBe(0);
    for (const entry of [...restOperations, ...socketEvents, ...flows]) expect(stdout).toContain(entry.id);
    const tail = stdout.slice(stdout.indexOf('Counts per domain'));
    expect(tail).toMatch(/\n {2}messaging +61 +/);
    expect(tail).toMatch(/\n {2}total +\d+ +\d+ \(\d+\/\d+\/\d+\) +\d+ \(\d+\/\d+\/\d+\)/);
    expect(tail).toMatch(/Per profile: documented \d+ entries, elizaos-1\.7 \d+ entries/);
  });

  it('lists only the entries of one profile with --profile', async () => {
    const { stdout } = await cli('spec', '--list', '--profile', 'documented');
    expect(stdout).toContain('server.messageComplete');
    expect(stdout).not.toContain('server.messageBroadcast.v2');
    expect(stdout).not.toContain('messaging.central-channels.');
  });

  it('lists as JSON with --json', async () => {
    const rows = JSON.parse((await cli('spec', '--list', '--json')).stdout) as { id: string }[];
    expect(rows).toHaveLength(restOperations.length + socketEvents.length + flows.length);
  });

  it('lists when no option is given', async () => {
    expect((await cli('spec')).stdout).toContain('Counts per domain');
  });

  it('writes OpenAPI to stdout for the default profile (elizaos-1.7)', async () => {
    const doc = JSON.parse((await cli('spec', '--format', 'openapi')).stdout) as { openapi: string; info: { title: string } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toContain('elizaos-1.7');
  });

  it('writes YAML when --out ends in .yaml, and JSON Schema with --format json-schema', async () => {
    const out = join(dir, 'asyncapi.yaml');
    const { code, stderr } = await cli('spec', '--format', 'asyncapi', '--profile', 'documented', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`wrote asyncapi (documented) to ${out}`);
    expect((parseYaml(await readFile(out, 'utf8')) as { asyncapi: string }).asyncapi).toBe('3.0.0');
    const schema = JSON.parse((await cli('spec', '--format', 'json-schema')).stdout) as { $defs: Record<string, unknown> };
    expect(schema.$defs['socket.server.messageBroadcast.v2']).toBeDefined();
    expect(schema.$defs['rest.agents.list.200']).toBeDefined();
  });

  it.each([
    [['spec', '--format', 'swagger'], /option '--format <format>' argument 'swagger' is invalid/],
    [['spec', '--profile', 'eliza'], /argument 'eliza' is invalid\. Allowed choices are documented, elizaos-1\.7/],
    [['spec', '--list', '--format', 'openapi'], /--list and --format cannot be used together/],
    [['spec', '--out', 'x.json'], /--out needs --format/],
    [['spec', '--nope'], /unknown option '--nope'/],
    [['nope'], /unknown command 'nope'/],
  ])('exits 2 on %j with a one-line message and a hint', async (argv, message) => {
    const { code, stderr, stdout } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/^eliza-wire: /);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints --help for every command and --version, exiting 0', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('spec');
    const specHelp = await cli('spec', '--help');
    expect(specHelp.code).toBe(0);
    expect(specHelp.stdout).toContain('--format <format>');
    const version = await cli('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the eliza-wire binary', () => {
  const exec = promisify(execFile);
  const bin = ['--import', 'tsx', new URL('../../bin/eliza-wire.ts', import.meta.url).pathname];

  it('runs spec --list as a process and exits 0', async () => {
    const { stdout } = await exec(process.execPath, [...bin, 'spec', '--list']);
    expect(stdout).toContain('Counts per domain');
  });

  it('exits 2 on a usage error, without a stack trace', async () => {
    const error = (await exec(process.execPath, [...bin, 'spec', '--profile', 'bogus']).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/^eliza-wire: option '--profile <profile>' argument 'bogus' is invalid/);
    expect(error.stderr).not.toMatch(/\n\s+at /);
  });
});
