/**
 * Checks every citation in docs/releases/*.differences.json against the unpacked @elizaos/server tarballs.
 *
 *   npx tsx scripts/releases/check-evidence.ts [--fix] [--releases /tmp/releases]
 *
 * `--releases` is the folder holding `elizaos-server-<version>/package/` (default /tmp/releases). `--fix` writes the
 * line number a quote is really on where the file says `?` or a wrong line, when the quote is on exactly one line.
 * Exits 1 when a citation is wrong, 2 when a tarball is missing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from './bundle.js';
import { type Citation, citations, linesWith, problem } from './evidence.js';

interface Difference {
  specId: string;
  evidence: string;
}

const DOCS = 'docs/releases';
const cache = new Map<string, string[]>();

function distLines(root: string, version: string): string[] {
  const dir = join(root, `elizaos-server-${version}`, 'package');
  if (!existsSync(dir)) {
    console.error(`No ${dir}: fetch it with  cd ${root} && npm pack @elizaos/server@${version} && mkdir elizaos-server-${version} && tar xzf elizaos-server-${version}.tgz -C elizaos-server-${version}`);
    process.exit(2);
  }
  if (!cache.has(version)) cache.set(version, readBundle(dir).split('\n'));
  return cache.get(version) ?? [];
}

function fileProblem(root: string, version: string, path: string, wanted: boolean): string | undefined {
  const there = existsSync(join(root, `elizaos-server-${version}`, 'package', path));
  if (there === wanted) return undefined;
  return there ? `the package has ${path}, said not to` : `the package has no ${path}`;
}

function fixLine(evidence: string, c: Citation, line: number): string {
  const text = evidence.slice(c.start, c.end).replace(/dist\/index\.js:(\d+|\?)/, `dist/index.js:${line}`);
  return evidence.slice(0, c.start) + text + evidence.slice(c.end);
}

function checkFile(file: string, root: string, fix: boolean): number {
  const release = /^elizaos-(.+)\.differences\.json$/.exec(file)?.[1] ?? '';
  const rows = JSON.parse(readFileSync(join(DOCS, file), 'utf8')) as Difference[];
  let wrong = 0;
  for (const row of rows) {
    for (const c of citations(row.evidence).reverse()) {
      const version = c.version ?? release;
      const lines = distLines(root, version);
      const why = c.file ? fileProblem(root, version, c.quote, c.file === 'file') : problem(c, linesWith(lines, c.quote));
      const found = c.file ? [] : linesWith(lines, c.quote);
      if (why && fix && !c.absent && found.length === 1 && found[0] !== undefined) {
        row.evidence = fixLine(row.evidence, c, found[0]);
      } else if (why) {
        wrong++;
        console.log(`${file} ${row.specId} [${c.version ?? release}]: ${why}`);
      }
    }
    if (!citations(row.evidence).length) console.log(`${file} ${row.specId}: no citation («quote») in its evidence`);
  }
  if (fix) writeFileSync(join(DOCS, file), `${JSON.stringify(rows, null, 2)}\n`);
  return wrong;
}

const args = process.argv.slice(2);
const rootAt = args.indexOf('--releases');
const root = rootAt >= 0 ? (args[rootAt + 1] ?? '/tmp/releases') : '/tmp/releases';
const files = readdirSync(DOCS).filter((f) => f.endsWith('.differences.json'));
const wrong = files.reduce((n, f) => n + checkFile(f, root, args.includes('--fix')), 0);
console.log(`${files.length} files, ${wrong} wrong citation(s)`);
process.exitCode = wrong ? 1 : 0;
