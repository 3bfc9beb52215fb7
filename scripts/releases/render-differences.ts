/**
 * Writes the "Differences from 1.7.2" table of each docs/releases/elizaos-<release>.md from its
 * elizaos-<release>.differences.json, between the page's `<!-- differences:begin -->` and `<!-- differences:end -->`.
 *
 *   npx tsx scripts/releases/render-differences.ts [--check]
 *
 * `--check` changes nothing and exits 1 when a page's table is not what its JSON gives.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Difference {
  specId: string;
  area: string;
  v172: string;
  release: string;
  evidence: string;
  level: string;
}

const DOCS = 'docs/releases';
const BEGIN = '<!-- differences:begin -->';
const END = '<!-- differences:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function table(rows: Difference[]): string {
  const head = '| # | spec id | area | 1.7.2 | this release | evidence | level | probe |\n|---|---|---|---|---|---|---|---|';
  const body = rows.map((r, i) =>
    `| ${i + 1} | \`${r.specId}\` | ${cell(r.area)} | ${cell(r.v172)} | ${cell(r.release)} | ${cell(r.evidence)} | ${r.level} | |`);
  return [head, ...body].join('\n');
}

function render(page: string, rows: Difference[]): string {
  const from = page.indexOf(BEGIN);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`The page has no ${BEGIN} … ${END} block: add both markers where the table goes.`);
  return `${page.slice(0, from + BEGIN.length)}\n${table(rows)}\n${page.slice(to)}`;
}

let stale = 0;
for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.differences.json'))) {
  const pagePath = join(DOCS, file.replace('.differences.json', '.md'));
  const page = readFileSync(pagePath, 'utf8');
  const next = render(page, JSON.parse(readFileSync(join(DOCS, file), 'utf8')) as Difference[]);
  if (next === page) continue;
  if (process.argv.includes('--check')) {
    stale++;
    console.log(`${pagePath}: its table is stale; run npx tsx scripts/releases/render-differences.ts`);
  } else writeFileSync(pagePath, next);
}
process.exitCode = stale ? 1 : 0;
