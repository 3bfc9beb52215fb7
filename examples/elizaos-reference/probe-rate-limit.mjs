import process from 'node:process';
import { launchReference } from './launch.mjs';

/**
 * Shows that the synthetic client addresses keep 1.7.2's REST limit (1000 requests / 15 min per address) out of
 * reach, and that without them the same load is refused: `node probe-rate-limit.mjs [release]` (default 1.7.2).
 * Two servers, ~1 minute.
 */
const REQUESTS = 1050;
const release = process.argv[2];

async function hammer(url) {
  const statuses = {};
  let lowestRemaining = Infinity;
  for (let i = 0; i < REQUESTS; i++) {
    const res = await globalThis.fetch(`${url}/api/server/ping`);
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const remaining = Number(res.headers.get('ratelimit-remaining'));
    if (Number.isFinite(remaining)) lowestRemaining = Math.min(lowestRemaining, remaining);
  }
  return { statuses, lowestRemaining };
}

for (const spreadClientAddresses of [true, false]) {
  const ref = await launchReference({ release, spreadClientAddresses, timeoutMs: 120_000 });
  try {
    const seen = await hammer(ref.url);
    process.stdout.write(`${JSON.stringify({ release: ref.release, spreadClientAddresses, requests: REQUESTS, ...seen })}\n`);
  } finally {
    await ref.stop();
  }
}
