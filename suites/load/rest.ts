import type autocannon from 'autocannon';
import { LoadTargetError, LoadUsageError } from './errors.js';
import { isGeneratorLimited, measureGenerator } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import type { RestResult } from './result.js';
import { recorded } from './recorded.js';
import { measurementStart, type StartGate } from './schedule.js';
import { LatencyTimeline } from './timeline.js';
import { sleep, throwIfInterrupted } from './stopping.js';
import { startProgress, type ProgressListener } from './progress.js';

/** The read endpoints of the spec that need no setup. */
export const REST_READ_PATHS = ['/api/agents', '/api/server/ping', '/api/messaging/message-servers'] as const;

export interface RestOptions {
  url: string;
  connections: number;
  /** Stop after this many requests, or else after `durationSec`. */
  amount?: number;
  durationSec?: number;
  apiKey?: string;
  paths?: readonly string[];
  /** When to start (default: at once). */
  gate?: StartGate;
  /** Ends the run early (autocannon stops; the result holds the requests made so far). */
  signal?: AbortSignal;
  /** Every 2 s: requests answered or failed (sent), 2xx answers (received). */
  onProgress?: ProgressListener;
}

async function probe(url: string, headers: Record<string, string>): Promise<void> {
  try {
    await fetch(`${url}/api/server/ping`, { headers, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new LoadTargetError(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function non2xx(codes: autocannon.Result['statusCodeStats']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [status, entry] of Object.entries(codes ?? {})) if (!status.startsWith('2')) out[status] = entry.count ?? 0;
  return out;
}

/** A target that answered nothing for this long while requests kept failing is gone: the run stops. */
const GONE_AFTER_MS = 2000;

/**
 * Stops `instance` once requests fail and nothing was answered for GONE_AFTER_MS, and reports progress; returns
 * the cleanup.
 */
function watchRequests(instance: autocannon.Instance, onProgress: ProgressListener | undefined): () => void {
  let lastAnswer = performance.now();
  let failedSince = 0;
  const counts = { answered: 0, ok: 0, failed: 0 };
  instance.on('response', (_client: unknown, status: number) => {
    lastAnswer = performance.now();
    failedSince = 0;
    counts.answered += 1;
    if (status >= 200 && status < 300) counts.ok += 1;
  });
  instance.on('reqError', () => {
    failedSince += 1;
    counts.failed += 1;
  });
  const timer = setInterval(() => {
    if (failedSince > 0 && performance.now() - lastAnswer > GONE_AFTER_MS) instance.stop();
  }, 250);
  timer.unref();
  const stopProgress = startProgress(() => ({ sent: counts.answered + counts.failed, received: counts.ok, lagMs: 0, receivedLabel: '2xx answers' }), onProgress);
  return () => {
    clearInterval(timer);
    stopProgress();
  };
}

/**
 * REST read load with autocannon: `connections` keep-alive connections cycling over the read endpoints. This is a
 * closed model (each connection waits for its answer), so the figures are the server's service times under load.
 */
export async function runRest(options: RestOptions): Promise<RestResult> {
  if (options.connections < 1 || (!options.amount && !options.durationSec)) throw new LoadUsageError('rest needs --clients >= 1 and --messages or --duration');
  const headers: Record<string, string> = options.apiKey ? { 'x-api-key': options.apiKey } : {};
  await probe(options.url, headers);
  // autocannon (and its dependencies) load only for a REST load, not with eliza-wire/suites/load; before t0
  const { default: load } = await import('autocannon');
  const paths = options.paths ?? REST_READ_PATHS;
  const t0 = await measurementStart(options.gate);
  await sleep(t0 - performance.now(), options.signal);
  throwIfInterrupted(options.signal);
  const startedAt = new Date().toISOString();
  const stopGenerator = measureGenerator(new LatencyHistogram());
  const latency = new LatencyHistogram();
  const timeline = new LatencyTimeline();
  timeline.start(t0);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = load(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSec }),
        headers,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    options.signal?.addEventListener('abort', () => instance.stop(), { once: true });
    const stopWatching = watchRequests(instance, options.onProgress);
    instance.once('done', stopWatching);
    // every response is timed here too, so that results of several processes merge exactly (autocannon gives summaries only)
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latency.record(responseTimeMs);
      timeline.record(performance.now(), responseTimeMs);
    });
  });
  const generator = stopGenerator();
  const requests = result.requests.total;
  return {
    scenario: 'rest',
    target: options.url,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    config: { connections: options.connections, paths: [...paths] },
    requests,
    errors: result.errors,
    non2xx: non2xx(result.statusCodeStats),
    throughput: { requestsPerSec: Math.round((requests * 10_000) / Math.max(1, result.duration * 1000)) / 10 },
    latency: { request: latency.summary() },
    ...recorded({ request: latency }, timeline),
    generator,
    generatorLimited: isGeneratorLimited(generator),
  };
}
