import type { Profile } from '../../spec/index.js';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import type { MockServerOptions } from '../../mock-server/options.js';

export interface Started {
  mock: MockServer;
  url: string;
  /** Spec violations the mock reported (validateResponses is on): a test asserts this stays empty. */
  violations: { where: string; issues: string[] }[];
  request: (method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; raw?: string }) => Promise<{ status: number; body: unknown; headers: Headers }>;
}

/** Starts a mock on 127.0.0.1:0 with response validation on; stop it with `mock.close()`. */
export async function startMock(profile: Profile, options: MockServerOptions = {}): Promise<Started> {
  const mock = createMockServer({ profile, logLevel: 'silent', thinkMs: 0, validateResponses: true, ...options });
  const url = await mock.listen(0, '127.0.0.1');
  const violations: Started['violations'] = [];
  mock.events.on('violation', (v) => violations.push(v));
  const request: Started['request'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const response = await fetch(`${url}${path}`, { method, headers, body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };
  return { mock, url, violations, request };
}
