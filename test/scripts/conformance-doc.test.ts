import { describe, expect, it } from 'vitest';
import { conformanceDoc, mask } from '../../scripts/conformance-doc.js';
import { Report } from '../../suites/index.js';

describe('the conformance page', () => {
  it('masks what changes between runs and keeps what tells a difference', () => {
    const text = 'POST http://127.0.0.1:43321/api/x/3f1c8a2e-1111-4222-8333-444455556666 {"createdAt":1795243255914,"at":"2026-11-21T06:51:18.123Z","uptime":19.9,"status":"active"} eliza-wire flow.x step 0 13b0b72c messageBroadcast@17ms';
    expect(mask(text)).toBe('POST <server>/api/x/<uuid> {"createdAt":<epoch-ms>,"at":"<time>","uptime":<n>,"status":"active"} eliza-wire flow.x step 0 <random> messageBroadcast');
    expect(mask('{"error":{"code":404,"message":"API endpoint not found"}}')).toBe('{"error":{"code":404,"message":"API endpoint not found"}}');
    const stack = 'at file:///tmp/ci-clone/examples/elizaos-reference/node_modules/x.js:1 at next (/work/main/examples/elizaos-reference/node_modules/y.js:2)';
    expect(mask(stack)).toBe('at <reference>/node_modules/x.js:1 at next (<reference>/node_modules/y.js:2)');
  });

  it('lists each failed check once per distinct finding, with its evidence', () => {
    const exchange = { method: 'GET', url: 'http://127.0.0.1:1/api/agents', requestHeaders: {}, status: 500, responseHeaders: {}, responseBody: '{"error":"boom"}', ms: 3 };
    const finding = { checkId: 'rest.x', level: 'MUST' as const, message: 'agents.list answered 500', evidence: { exchanges: [exchange] }, reproduce: '' };
    const report = Report.parse({
      tool: 'eliza-wire',
      version: '0',
      target: 'http://127.0.0.1:1',
      profile: 'documented',
      level: 'MAY',
      startedAt: '2026-11-21T00:00:00.000Z',
      durationMs: 1,
      summary: { passed: 1, failed: 1, skipped: 0 },
      checks: [
        { id: 'rest.x', title: 'X', domain: 'rest', level: 'MUST', specIds: [], status: 'failed', durationMs: 1, findings: [finding, finding] },
        { id: 'rest.y', title: 'Y', domain: 'rest', level: 'MUST', specIds: [], status: 'passed', durationMs: 1, findings: [] },
      ],
      coverage: { operations: {}, sent: [], received: [], missed: [] },
    });
    const page = conformanceDoc(report, 'a server');
    expect(page).toContain('**1 passed, 1 failed, 0 skipped.**');
    expect(page.match(/- agents\.list answered 500/g)).toHaveLength(1);
    expect(page).toContain('`GET /api/agents` answered **500**: `{"error":"boom"}`');
    expect(page).toContain('## Passed\n\n`rest.y`');
  });
});
