/**
 * The packed package in a fresh project, as a newcomer meets it: `npm pack`, install the tarball into a new
 * `npm init -y` project (CommonJS, as created), import every entry, typecheck and run the docs' snippets, follow
 * the shipped README's links. Slow (a build, two installs): runs with ELIZA_WIRE_PACKAGE_TEST=1 or under CI.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCi } from '../helpers/service.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const enabled = process.env.ELIZA_WIRE_PACKAGE_TEST === '1' || inCi;
if (!enabled) console.log('test/package: skipped (slow: builds, packs and installs); run with ELIZA_WIRE_PACKAGE_TEST=1 (always on under CI=true)');

/** Installs from the npm cache the repo's own install filled, reaching the registry only for what it lacks. */
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
/** What the consumer adds to run the docs' snippets: the repo's own versions, so the cache has them. */
const TOOLS = ['typescript', 'vitest', 'msw', '@mswjs/socket.io-binding', '@types/node'].map((name) => `${name}@${versionOf(name)}`);

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

let dir = '';
let pkg = '';
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const entries = Object.keys(manifest.exports).filter((key) => key !== './package.json' && !key.includes('*')).map((key) => (key === '.' ? 'eliza-wire' : `eliza-wire/${key.slice(2)}`));

async function sh(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return run(command, args, { cwd: options.cwd ?? dir, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
}

/**
 * The working tree's files (tracked and new, not ignored) in `into`, node_modules linked: `npm pack` there builds
 * from clean (prepack empties dist/), without touching the repo's dist/ that other runs may be using.
 */
async function sourceCopy(into: string): Promise<string> {
  const { stdout } = await sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue; // deleted in the working tree
    await mkdir(dirname(join(into, file)), { recursive: true });
    await copyFile(join(repo, file), join(into, file));
  }
  await symlink(join(repo, 'node_modules'), join(into, 'node_modules'));
  // through the link, tsc would name the real path (/…/main/node_modules/…) in declarations and refuse to emit
  const build = JSON.parse(await readFile(join(into, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  build.compilerOptions.preserveSymlinks = true;
  await writeFile(join(into, 'tsconfig.build.json'), JSON.stringify(build, null, 2));
  return into;
}

/** Packages and megabytes under node_modules (every package.json that names a package, nested ones included). */
async function footprint(root: string): Promise<{ packages: number; mb: number }> {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  const { stdout } = await sh('du', ['-sk', join(root, 'node_modules')]);
  return { packages: Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/')).length, mb: Math.round(Number(stdout.split('\t')[0]) / 1024) };
}

/** The ```ts blocks of a shipped document that run in Node (the browser ones need a page and a bundler). */
function nodeSnippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((code) => !code.includes("'msw/browser'"));
}

describe.skipIf(!enabled)('the packed package in a fresh CommonJS project', () => {
  let installed = { packages: 0, mb: 0 };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eliza-wire-consumer-'));
    const source = await sourceCopy(join(dir, 'source'));
    const { stdout } = await sh('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: source });
    await rm(source, { recursive: true, force: true });
    const tarball = join(dir, stdout.trim().split('\n').pop() ?? '');
    await sh('npm', ['init', '-y']);
    await sh('npm', ['install', ...NPM_FLAGS, tarball]);
    installed = await footprint(dir);
    console.log(`test/package: installing the tarball alone: ${installed.packages} packages, ${installed.mb} MB in node_modules`);
    await sh('npm', ['install', ...NPM_FLAGS, '--no-save', ...TOOLS]);
    pkg = join(dir, 'node_modules', 'eliza-wire');
  }, 600_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves the project CommonJS and installs no Redis client (an optional peer)', async () => {
    const project = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type?: string };
    expect(project.type ?? 'commonjs').toBe('commonjs');
    expect(existsSync(join(dir, 'node_modules', 'redis'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', '@socket.io', 'redis-adapter'))).toBe(false);
    expect(installed.packages).toBeGreaterThan(0);
  });

  it('imports every entry with import() from an .mjs file, the bare package included', async () => {
    const script = `for (const name of ${JSON.stringify(entries)}) {\n  const m = await import(name);\n  if (Object.keys(m).length === 0) throw new Error(name + ' exports nothing');\n}\nconsole.log('ok');\n`;
    await writeFile(join(dir, 'entries.mjs'), script);
    const { stdout } = await sh(process.execPath, ['entries.mjs']);
    expect(stdout.trim()).toBe('ok');
    expect(entries).toContain('eliza-wire');
  });

  it('typechecks every entry and the docs\' Node snippets with module nodenext, libraries checked too', async () => {
    const typesTs = entries.map((name, i) => `import type * as E${i} from '${name}';\nexport type T${i} = keyof typeof E${i};`).join('\n');
    await writeFile(join(dir, 'entries-types.ts'), `${typesTs}\n`);
    const snippets = [...nodeSnippets(await readFile(join(pkg, 'testing/README.md'), 'utf8')), ...nodeSnippets(await readFile(join(pkg, 'docs/msw.md'), 'utf8'))];
    expect(snippets.length).toBe(2);
    await Promise.all(snippets.map((code, i) => writeFile(join(dir, `snippet-${i}.test.ts`), code)));
    const tsconfig = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['*.ts'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const result = await sh(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  }, 400_000); // skipLibCheck off: tsc checks msw's, vitest's and our declarations too (1-2 min on a busy machine)

  it('runs the docs\' Node snippets with vitest', async () => {
    const { stdout } = await sh(join(dir, 'node_modules/.bin/vitest'), ['run', '--root', dir], { env: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }));
    expect(stdout).toMatch(/Test Files\s+2 passed/);
  }, 120_000);

  it('runs the CLI from the installed bin, and --redis without the Redis packages says what to install', async () => {
    const bin = join(dir, 'node_modules/.bin/eliza-wire');
    expect((await sh(bin, ['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const failed = await sh(bin, ['mock', '--port', '0', '--redis', 'redis://127.0.0.1:1']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('npm i redis @socket.io/redis-adapter');
  }, 60_000);

  it('resolves every relative link of the shipped README inside the package', async () => {
    const readme = await readFile(join(pkg, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => !existsSync(join(pkg, t.split('#')[0] ?? '')))).toEqual([]);
  });

  it('ships no source map whose map or sources are missing', async () => {
    const files = (await readdir(join(pkg, 'dist'), { recursive: true })).filter((f) => f.endsWith('.js'));
    const broken: string[] = [];
    for (const file of files) {
      const js = await readFile(join(pkg, 'dist', file), 'utf8');
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(js)?.[1];
      if (!url || url.startsWith('data:')) continue;
      const map = join(pkg, 'dist', dirname(file), url);
      if (!existsSync(map)) broken.push(`${file}: ${url} missing`);
      else for (const source of (JSON.parse(await readFile(map, 'utf8')) as { sources: string[]; sourcesContent?: unknown[] }).sources) if (!existsSync(join(dirname(map), source))) broken.push(`${file}: ${source} missing`);
    }
    expect(broken).toEqual([]);
  });
});
