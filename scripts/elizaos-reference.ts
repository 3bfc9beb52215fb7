/**
 * Runs `eliza-wire check` (built CLI, dist/) against the real @elizaos/server 1.7.2 of examples/elizaos-reference,
 * started for the run and stopped after it. Arguments are passed to `check`; the default is the elizaos-1.7 profile
 * at every level. Needs `npm run build` and `npm install` inside examples/elizaos-reference.
 *
 *   tsx scripts/elizaos-reference.ts [check flags…]
 *   tsx scripts/elizaos-reference.ts --profile documented --reporter json:doc.json
 *
 * Exit code: the check's (0 pass, 1 a finding, 2 usage), or 2 when the reference server does not start.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchReference } from '../examples/elizaos-reference/launch.mjs';

const CLI = fileURLToPath(new URL('../dist/bin/eliza-wire.js', import.meta.url));
const AUTH_TOKEN = 'eliza-wire-reference-rest-key';
const SOCKET_KEY = 'eliza-wire-reference-socket-key';

async function main(args: string[]): Promise<number> {
  const flags = args.length > 0 ? args : ['--profile', 'elizaos-1.7', '--level', 'may'];
  const reference = await launchReference({ authToken: AUTH_TOKEN, socketApiKey: SOCKET_KEY });
  console.error(`reference @elizaos/server 1.7.2 at ${reference.url} (pid ${reference.pid}, ready in ${reference.startupMs} ms, ${reference.rssMB} MB)`);
  try {
    const check = spawnSync(process.execPath, [CLI, 'check', reference.url, '--api-key', AUTH_TOKEN, '--socket-api-key', SOCKET_KEY, ...flags], { stdio: 'inherit' });
    return check.status ?? 2;
  } finally {
    await reference.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
