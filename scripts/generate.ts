/**
 * Writes every generated file (`npm run generate`), or with --check fails when a committed one is stale
 * (`npm run check:generated`, part of `npm test`). `--root <dir>` compares against another checkout.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artefacts } from './artefacts.js';

const rootFlag = process.argv.indexOf('--root');
const root = (rootFlag > 0 ? process.argv[rootFlag + 1] : undefined) ?? join(dirname(fileURLToPath(import.meta.url)), '..');

async function current(path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

async function main(check: boolean): Promise<number> {
  const stale: string[] = [];
  for (const { path, content } of await artefacts()) {
    if ((await current(path)) === content) continue;
    stale.push(path);
    if (!check) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content, 'utf8');
    }
  }
  if (check && stale.length > 0) {
    console.error(`Generated files are stale:\n${stale.map((p) => `  ${p}`).join('\n')}\nRun \`npm run generate\` and commit the result.`);
    return 1;
  }
  console.log(check ? 'Generated files are up to date.' : stale.length > 0 ? `Wrote ${stale.join(', ')}` : 'Generated files were already up to date.');
  return 0;
}

process.exitCode = await main(process.argv.includes('--check'));
