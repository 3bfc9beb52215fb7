import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The release `node start.mjs` runs without `--release`: installed in this folder itself. */
export const DEFAULT_RELEASE = '1.7.2';

/**
 * The @elizaos/server releases the harness can start, and how each one is brought up.
 * - `dir`: the folder whose package.json / package-lock.json pin the release and whose node_modules hold it.
 * - `recipe`: `start-agents` (1.6 and later: `server.start({ port, dataDir, middlewares })`, then
 *   `server.startAgents([{ character, plugins }], { isTestMode: true })`) or `register-agent` (1.5:
 *   `server.initialize({ dataDir, middlewares })`, `server.start(port)`, runtimes built here and added with
 *   `server.registerAgent(runtime)`; replies come from plugin-bootstrap).
 * - `streams`: whether the server asks the model for a stream (`messageStreamChunk` exists from 1.7 on).
 * - `bcryptFromInstall`: the bundled dist looks for bcrypt's native build under the publisher's build path; the
 *   harness points that lookup at the bcrypt installed in `dir` (see native-bcrypt.mjs).
 */
export const RELEASES = {
  '1.7.2': { dir: HERE, recipe: 'start-agents', streams: true, bcryptFromInstall: false },
  '1.6.5': { dir: join(HERE, 'releases', '1.6.5'), recipe: 'start-agents', streams: false, bcryptFromInstall: false },
  '1.5.8': { dir: join(HERE, 'releases', '1.5.8'), recipe: 'register-agent', streams: false, bcryptFromInstall: false },
  '1.7.3-alpha.4': { dir: join(HERE, 'releases', '1.7.3-alpha.4'), recipe: 'start-agents', streams: true, bcryptFromInstall: true },
};

/** The release's entry, or an error that lists the known ones. */
export function releaseOf(name = DEFAULT_RELEASE) {
  const release = RELEASES[name];
  if (!release) {
    throw new Error(`unknown release "${name}": use one of ${Object.keys(RELEASES).join(', ')} (each has its folder in examples/elizaos-reference/releases/, 1.7.2 is this folder)`);
  }
  return { name, ...release };
}

/** The folder to run `npm ci` in for a release, relative to the repository root. */
export function installHint(release) {
  const rel = release.dir === HERE ? 'examples/elizaos-reference' : `examples/elizaos-reference/releases/${release.name}`;
  return `cd ${rel} && npm ci`;
}

/**
 * Imports the release's packages from its own folder (module resolution starts at the importing file, so each
 * folder has a `modules.mjs` that imports its own node_modules).
 * @returns {Promise<{ server: any, core?: any, sql?: any, bootstrap?: any }>} (core, sql and bootstrap for the register-agent recipe)
 */
export async function loadRelease(release) {
  if (!existsSync(join(release.dir, 'node_modules', '@elizaos', 'server'))) {
    throw new Error(`@elizaos/server ${release.name} is not installed: run \`${installHint(release)}\` first`);
  }
  const modules = await import(pathToFileURL(join(release.dir, 'modules.mjs')).href);
  return modules.load();
}
