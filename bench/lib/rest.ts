import autocannon from 'autocannon';

export interface RestResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** HTTP throughput of one route with autocannon (10 connections). */
export async function restLoad(url: string, seconds: number): Promise<RestResult> {
  const result = await autocannon({ url, connections: 10, duration: seconds });
  return { requestsPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}
