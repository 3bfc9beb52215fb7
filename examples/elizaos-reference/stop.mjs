import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM';
  }
}

async function exited(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/**
 * Stops a reference server started as a process of its own: SIGTERM (it stops the agent, closes the port and
 * removes its data dir), then SIGKILL if it is still there after `graceMs`. Resolves with how it ended.
 * Only the given PID is signalled.
 *
 * @example
 * await stopReference(12345); // 'terminated' | 'killed' | 'not-running'
 *
 * @param {number} pid
 * @param {{ graceMs?: number }} [options]
 * @returns {Promise<'terminated' | 'killed' | 'not-running'>}
 */
export async function stopReference(pid, { graceMs = 8000 } = {}) {
  if (!Number.isInteger(pid) || pid <= 0) throw new TypeError(`stopReference needs a process id, got ${pid}`);
  if (!isAlive(pid)) return 'not-running';
  process.kill(pid, 'SIGTERM');
  if (await exited(pid, graceMs)) return 'terminated';
  process.kill(pid, 'SIGKILL');
  await exited(pid, 2000);
  return 'killed';
}

// `node stop.mjs <pid> [graceMs]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pid = Number(process.argv[2]);
  const graceMs = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  stopReference(pid, { graceMs }).then(
    (how) => process.stdout.write(`${how}\n`),
    (error) => {
      process.stderr.write(`${error.message}\nusage: node stop.mjs <pid> [graceMs]\n`);
      process.exitCode = 2;
    },
  );
}
