import { describe, expect, it } from 'vitest';
import { PROFILES, levelIn, isRelease } from '../profiles.js';
import { DocumentedError } from '../schemas/envelopes.js';
import { restOperations } from './index.js';
import { REST_DOMAINS, pathParamNames } from './operation.js';
import { defineOperation } from './define.js';

const byId = new Map(restOperations.map((op) => [op.id, op]));

describe('REST operations', () => {
  it('has at least 90 operations in each profile', () => {
    for (const profile of PROFILES) {
      expect(restOperations.filter((op) => levelIn(op.profiles, profile)).length).toBeGreaterThanOrEqual(90);
    }
  });

  it('gives every operation a unique id and a unique method + path', () => {
    expect(new Set(restOperations.map((op) => op.id)).size).toBe(restOperations.length);
    expect(new Set(restOperations.map((op) => `${op.method} ${op.path}`)).size).toBe(restOperations.length);
  });

  it('names ids <domain>.<resource>[.<verb>] in kebab-case, with a known domain', () => {
    for (const op of restOperations) {
      expect(op.id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
      expect(REST_DOMAINS).toContain(op.domain);
    }
  });

  it('declares every path parameter, and only those', () => {
    for (const op of restOperations) {
      expect(Object.keys(op.params ?? {}).sort(), op.id).toEqual(pathParamNames(op.path).sort());
    }
  });

  it('refuses an operation whose params do not match its path, saying how to fix it', () => {
    expect(() =>
      defineOperation({ id: 'x.y', method: 'GET', path: '/api/x/:a', summary: 's', profiles: { documented: 'MUST' }, style: 'E1', success: { status: 200 } }),
    ).toThrow(/fix the params to \[a\]/);
  });

  it('points every alias at an existing operation with the same method', () => {
    for (const op of restOperations.filter((o) => o.aliasOf)) {
      const target = byId.get(op.aliasOf ?? '');
      expect(target, `${op.id} → ${op.aliasOf}`).toBeDefined();
      expect(target?.method).toBe(op.method);
    }
  });

  it('keeps deprecated aliases out of the documented profile', () => {
    const deprecated = restOperations.filter((op) => op.deprecated);
    expect(deprecated.length).toBeGreaterThanOrEqual(15);
    for (const op of deprecated) expect(op.profiles.documented, op.id).toBeUndefined();
  });

  it('gives every response variant a profile of its operation', () => {
    for (const op of restOperations) {
      for (const v of op.responses) {
        const profiles = PROFILES.filter((p) => levelIn(v.profiles, p));
        expect(profiles.length, `${op.id} ${v.status}`).toBeGreaterThan(0);
        for (const p of profiles) expect(levelIn(op.profiles, p), `${op.id} ${v.status} in ${p}`).toBeDefined();
      }
    }
  });

  it('gives every operation a 2xx in each of its profiles, except the quirks 1.7.2 never answers with success', () => {
    const noSuccessIn17 = ['agents.worlds.list', 'messaging.complete'];
    for (const op of restOperations) {
      for (const profile of PROFILES.filter((p) => levelIn(op.profiles, p))) {
        const ok = op.responses.some((v) => levelIn(v.profiles, profile) && v.status >= 200 && v.status < 300);
        expect(ok, `${op.id} in ${profile}`).toBe(isRelease(profile) && noSuccessIn17.includes(op.id) ? false : true);
      }
    }
  });

  it('answers every documented error with the documented envelope', () => {
    for (const op of restOperations) {
      for (const v of op.responses.filter((r) => r.profiles.documented && r.error !== undefined)) {
        expect(v.schema, `${op.id} ${v.status}`).toBe(DocumentedError);
      }
    }
  });

  it('lets every /api operation answer 401 in each profile (E6 in 1.7, UNAUTHORIZED documented)', () => {
    for (const op of restOperations.filter((o) => o.path.startsWith('/api/'))) {
      const unauthorized = op.responses.filter((v) => v.status === 401);
      expect(unauthorized.map((v) => v.envelope).sort(), op.id).toEqual(
        [...(op.profiles.documented ? ['documented'] : []), ...(op.profiles['elizaos-1.7'] ? ['E6'] : [])].sort(),
      );
    }
  });

  it('keeps root routes public', () => {
    for (const op of restOperations.filter((o) => !o.path.startsWith('/api/'))) {
      expect(op.auth, op.id).toBe('none');
      expect(op.responses.some((v) => v.status === 401), op.id).toBe(false);
    }
  });

  it('pins the quirks of 1.7.2: malformed JSON is a 500 E5, a wrong content type a 400 INVALID_CONTENT_TYPE', () => {
    const create = byId.get('messaging.channels.create');
    const real = create?.responses.filter((v) => v.profiles['elizaos-1.7'] && v.conventional) ?? [];
    expect(real.find((v) => v.when === 'the body is not valid JSON')).toMatchObject({ status: 500, envelope: 'E5' });
    expect(real.find((v) => v.error?.code === 'INVALID_CONTENT_TYPE')).toMatchObject({ status: 400, envelope: 'E1' });
    const doc = create?.responses.filter((v) => v.profiles.documented && v.conventional) ?? [];
    expect(doc.map((v) => `${v.status} ${String(v.error?.code)}`)).toEqual(
      expect.arrayContaining(['400 INVALID_JSON', '413 PAYLOAD_TOO_LARGE', '415 UNSUPPORTED_MEDIA_TYPE']),
    );
  });
});
