import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { startCluster, type StartedCluster } from './helpers/cluster.js';

const UPLOAD = `/api/media/agents/${DEFAULT_AGENT.id}/upload-media`;

interface Answer { status: number; worker: number; body: Buffer }

/** One request on a connection of its own (so it crosses the primary), failing after 5 s instead of hanging. */
function send(url: string, method: string, path: string, body?: { type: string; bytes: Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': body.type, 'content-length': body.bytes.length } : {};
    const req = request(`${url}${path}`, { method, agent: false, headers, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: Number(res.headers['x-mock-worker']), body: Buffer.concat(chunks) }));
    });
    req.once('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 5 s`)));
    req.once('error', reject);
    req.end(body?.bytes);
  });
}

/** A multipart form with one image file of these bytes, serialised as a browser or fetch would send it. */
async function multipart(bytes: Buffer): Promise<{ type: string; bytes: Buffer }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'noise.png');
  const encoded = new Request('http://x', { method: 'POST', body: form });
  return { type: encoded.headers.get('content-type') ?? '', bytes: Buffer.from(await encoded.arrayBuffer()) };
}

/** Uploads `bytes` and reads the file back from its URL on each worker that answers (replication may lag a tick). */
async function uploadAndReadBack(url: string, bytes: Buffer): Promise<{ status: number; size: unknown; readBack: Map<number, Buffer> }> {
  const answer = await send(url, 'POST', UPLOAD, await multipart(bytes));
  const data = (JSON.parse(answer.body.toString()) as { data?: { url: string; size: number } }).data;
  const readBack = new Map<number, Buffer>();
  for (let attempt = 0; data && attempt < 40 && readBack.size < 2; attempt += 1) {
    const file = await send(url, 'GET', data.url);
    if (file.status === 200) readBack.set(file.worker || 0, file.body);
    else await new Promise((r) => setTimeout(r, 25));
  }
  return { status: answer.status, size: data?.size, readBack };
}

describe('binary uploads through eliza-wire mock --cluster 2', () => {
  let cluster: StartedCluster;
  let single: MockServer;
  let singleUrl: string;
  beforeAll(async () => {
    single = createMockServer({ logLevel: 'silent', thinkMs: 0 });
    [cluster, singleUrl] = await Promise.all([startCluster(2), single.listen(0, '127.0.0.1')]);
  }, 40_000);
  afterAll(async () => {
    if (cluster?.child.exitCode === null) cluster.child.kill('SIGKILL');
    await single?.close();
  });

  // 3 000 bytes travel in the first chunk the primary reads; 200 000 span several chunks the worker reads itself
  it.each([3000, 200_000])('answers a multipart upload of %i random bytes as one process does, and serves the same bytes back', async (size) => {
    const bytes = randomBytes(size);
    const alone = await uploadAndReadBack(singleUrl, bytes);
    expect(alone).toMatchObject({ status: 200, size });
    expect(alone.readBack.get(0)?.equals(bytes)).toBe(true);
    const clustered = await uploadAndReadBack(cluster.url, bytes);
    expect(clustered).toMatchObject({ status: 200, size });
    expect([...clustered.readBack.keys()].sort()).toEqual([1, 2]);
    for (const served of clustered.readBack.values()) expect(served.equals(bytes)).toBe(true);
  }, 20_000);

  it('keeps answering several uploads in a row on fresh connections, spread over both workers', async () => {
    const workers = new Set<number>();
    for (let i = 0; i < 4; i += 1) {
      const answer = await send(cluster.url, 'POST', UPLOAD, await multipart(randomBytes(70_000)));
      expect(answer.status).toBe(200);
      workers.add(answer.worker);
    }
    expect([...workers].sort()).toEqual([1, 2]);
  }, 20_000);
});
