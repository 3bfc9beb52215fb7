import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { manySockets, partialRequest, stalledWebsocket } from '../mock/shutdown-helpers.js';
import { startCluster, type StartedCluster } from './helpers/cluster.js';

const sockets: Socket[] = [];
let cluster: StartedCluster | undefined;
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  if (cluster?.child.exitCode === null) cluster.child.kill('SIGKILL');
});

function exitWithin(cluster: StartedCluster, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after the signal: ${cluster.output()}`)), ms);
    cluster.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('eliza-wire mock --cluster 2 ends within 2 s of a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s, with half-sent requests, stalled websockets on both workers and 500 idle sockets', async (signal) => {
    cluster = await startCluster(2);
    sockets.push(await partialRequest(cluster.url), await partialRequest(cluster.url));
    sockets.push(await stalledWebsocket(cluster.url), await stalledWebsocket(cluster.url));
    sockets.push(...(await manySockets(cluster.url, 500)));
    const exited = exitWithin(cluster, 2000);
    cluster.child.kill(signal);
    expect(await exited).toBe(0);
    expect(cluster.output()).toContain(`"signal":"${signal}"`);
  }, 40_000);
});
