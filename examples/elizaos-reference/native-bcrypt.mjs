import { existsSync } from 'node:fs';
import module, { syncBuiltinESMExports } from 'node:module';
import { dirname, join, sep } from 'node:path';
import process from 'node:process';

/**
 * 1.7.3-alpha.4's dist bundles bcrypt's JavaScript with `__dirname` fixed to the publisher's build machine
 * (`/home/runner/work/eliza/eliza/node_modules/bcrypt`), so node-gyp-build looks for the native build there and the
 * import throws "No native build was found … loaded from: /home/runner/…". bcrypt is also a real dependency of the
 * package, installed (with its prebuilds) in the release's folder.
 *
 * The bundled node-gyp-build asks `require.addon` first when the `require` it was given has one (the hook bundlers
 * use). While the server module is imported, `createRequire` from node:module is wrapped so that the `require` it
 * makes has an `addon` that loads bcrypt's native build from the installed bcrypt; any other directory goes to
 * node-gyp-build unchanged. The wrapper is removed as soon as the import settles. The bundle calls bcrypt's loader at
 * the top level of its module, so an import that succeeds has loaded the native build (one stderr line says from
 * where). Its only users, `/api/auth/register` and `/login`, are mounted only with ENABLE_DATA_ISOLATION=true, which
 * 1.7.3-alpha.4 refuses on PGlite (it needs PostgreSQL), so they are not exercised here.
 *
 * @template T
 * @param {string} releaseDir  the folder whose node_modules hold bcrypt
 * @param {() => Promise<T>} importServer
 * @returns {Promise<T>}
 */
export async function withBcryptFromInstall(releaseDir, importServer) {
  const fromRelease = module.createRequire(join(releaseDir, 'package.json'));
  let bcryptDir;
  try {
    bcryptDir = dirname(fromRelease.resolve('bcrypt/package.json'));
  } catch {
    throw new Error(`bcrypt is not installed in ${releaseDir}: run \`npm ci\` there (it is a dependency of @elizaos/server)`);
  }
  const nodeGypBuild = module.createRequire(join(bcryptDir, 'package.json'))('node-gyp-build');
  const bundledBcrypt = `${sep}node_modules${sep}bcrypt`;
  const original = module.createRequire;
  module.createRequire = function createRequireWithAddon(...args) {
    const require = original.apply(this, args);
    require.addon = (dir) => {
      const where = dir.endsWith(bundledBcrypt) && !existsSync(dir) ? bcryptDir : dir;
      const file = nodeGypBuild.resolve(where);
      if (where !== dir) process.stderr.write(`elizaos-reference: bcrypt's native build for ${dir} loaded from ${file}\n`);
      return require(file);
    };
    return require;
  };
  syncBuiltinESMExports();
  try {
    return await importServer();
  } finally {
    module.createRequire = original;
    syncBuiltinESMExports();
  }
}
