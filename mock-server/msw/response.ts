import type { Outcome } from '../rest/pipeline.js';
import type { ShimResponse } from './middleware.js';

/** A middleware's answer (auth refusal, injected fault, body error) as a fetch `Response`. */
export function fromShim(res: ShimResponse): Response {
  return new Response(res.body ?? null, { status: res.statusCode, headers: res.headers });
}

function sseStream(outcome: Extract<Outcome, { kind: 'sse' }>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      await outcome.stream((event, data) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)));
      controller.close();
    },
  });
}

/** What the pipeline decided, written as Express's `res.json`, `res.type().send` and SSE writes would write it. */
export function toResponse(outcome: Outcome, headers: Headers): Response {
  if (outcome.kind === 'binary') {
    headers.set('Content-Type', outcome.contentType);
    return new Response(new Uint8Array(outcome.body), { status: outcome.status ?? 200, headers });
  }
  if (outcome.kind === 'sse') {
    for (const [k, v] of Object.entries({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })) headers.set(k, v);
    return new Response(sseStream(outcome), { status: 200, headers });
  }
  if (outcome.body === undefined) return new Response(null, { status: outcome.status, headers });
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}
