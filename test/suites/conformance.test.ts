import { describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/index.js';
import { LEVELS, PROFILES } from '../../spec/index.js';
import { allChecks, runConformance } from '../../suites/index.js';
import { levelIn } from '../../spec/profiles.js';

describe.each(PROFILES)('the conformance suite against the mock (%s)', (profile) => {
  it.each(LEVELS)('passes every check at level %s, with keys (none skipped)', async (level) => {
    const mock = createMockServer({ profile, logLevel: 'silent', thinkMs: 0, authToken: 'rest-key', socketApiKey: 'socket-key' });
    try {
      const url = await mock.listen();
      const report = await runConformance({ url, profile, level, apiKey: 'rest-key', socketApiKey: 'socket-key' });
      const failed = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason ?? c.findings.map((f) => f.message).join('; ')}`);
      expect(failed).toEqual([]);
      expect(report.summary.passed).toBe(allChecks().filter((c) => { const l = levelIn(c.levels, profile); return l !== undefined && LEVELS.indexOf(l) <= LEVELS.indexOf(level); }).length);
    } finally {
      await mock.close();
    }
  }, 60_000);
});

describe('a run without keys', () => {
  it('skips the auth checks and says which option they need', async () => {
    const mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
    try {
      const report = await runConformance({ url: await mock.listen(), only: ['rest.auth.*'] });
      expect(report.checks.map((c) => [c.id, c.status, c.reason])).toEqual([
        ['rest.auth.accepted', 'skipped', 'needs --api-key'],
        ['rest.auth.public-routes', 'skipped', 'needs --api-key'],
        ['rest.auth.required', 'skipped', 'needs --api-key'],
      ]);
    } finally {
      await mock.close();
    }
  });
});
