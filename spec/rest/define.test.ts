import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { E5Error } from '../schemas/envelopes.js';
import { levelIn, RELEASE_PROFILES, type Profile } from '../profiles.js';
import { defineOperation, overlayIn, type OperationInput } from './define.js';
import type { ResponseVariant } from './operation.js';

const base: OperationInput = {
  id: 'agents.example',
  method: 'POST',
  path: '/api/agents/example',
  summary: 'example',
  profiles: { documented: 'MUST', 'elizaos-1.7': 'MUST' },
  style: 'E1',
  body: z.object({ name: z.string() }),
  success: { status: 201, data: z.object({ id: z.string() }) },
  errors: [{ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Invalid file type', releases: { 'elizaos-1.7': { status: 500, body: E5Error, envelope: 'E5', code: 500 } } }],
};

const declared = (input: OperationInput) => defineOperation(input).responses.filter((v) => !v.conventional);
const inProfile = (variants: ResponseVariant[], profile: Profile) => variants.filter((v) => levelIn(v.profiles, profile));

describe('release overlays', () => {
  it('with no child overlay, one variant per response serves every release', () => {
    const variants = declared(base);
    const errors = variants.filter((v) => v.ref === 'UNSUPPORTED_MEDIA_TYPE:Invalid file type' && v.envelope !== 'documented');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 500, envelope: 'E5', error: { code: 500 } });
    for (const release of RELEASE_PROFILES) expect(inProfile(errors, release), release).toEqual(errors);
  });

  it('an overlay in a child release yields a separate variant for it and its children; the parent\'s variant stays', () => {
    const input: OperationInput = {
      ...base,
      errors: [{ ...base.errors![0]!, releases: { ...base.errors![0]!.releases, 'elizaos-1.6': { status: 415, envelope: 'E1', code: 'INVALID_FILE_TYPE' } } }],
    };
    const errors = declared(input).filter((v) => v.ref === 'UNSUPPORTED_MEDIA_TYPE:Invalid file type' && v.envelope !== 'documented');
    expect(errors).toHaveLength(2);
    const [parent, child] = [errors.find((v) => v.status === 500)!, errors.find((v) => v.status === 415)!];
    expect(parent).toMatchObject({ envelope: 'E5', schema: E5Error, error: { code: 500, message: 'Invalid file type' } });
    expect(child).toMatchObject({ envelope: 'E1', schema: E5Error, error: { code: 'INVALID_FILE_TYPE', message: 'Invalid file type' } });
    expect(inProfile(errors, 'elizaos-1.7')).toEqual([parent]);
    expect(inProfile(errors, 'elizaos-1.7.3')).toEqual([parent]);
    expect(inProfile(errors, 'elizaos-1.6')).toEqual([child]);
    expect(inProfile(errors, 'elizaos-1.5')).toEqual([child]);
    expect(declared(input).filter((v) => v.envelope === 'documented' && v.status === 415)).toHaveLength(1);
  });

  it('null removes a response from a release and its children; the others keep it', () => {
    const input: OperationInput = { ...base, success: { ...(base.success as object), status: 201, releases: { 'elizaos-1.6': null } } };
    const created = declared(input).filter((v) => v.status === 201 && v.envelope !== 'documented');
    expect(created).toHaveLength(1);
    expect(inProfile(created, 'elizaos-1.7')).toHaveLength(1);
    expect(inProfile(created, 'elizaos-1.7.3')).toHaveLength(1);
    expect(inProfile(created, 'elizaos-1.6')).toHaveLength(0);
    expect(inProfile(created, 'elizaos-1.5')).toHaveLength(0);
  });

  it('overlayIn merges field by field along the lineage, the nearest release winning', () => {
    const overlays = { 'elizaos-1.7': { status: 500, code: 500 }, 'elizaos-1.6': { code: 'X' } } as const;
    expect(overlayIn(overlays, 'elizaos-1.7')).toEqual({ status: 500, code: 500 });
    expect(overlayIn(overlays, 'elizaos-1.5')).toEqual({ status: 500, code: 'X' });
    expect(overlayIn(overlays, 'elizaos-1.7.3')).toEqual({ status: 500, code: 500 });
    expect(overlayIn({ 'elizaos-1.7': null, 'elizaos-1.6': { code: 1 } }, 'elizaos-1.5')).toEqual({ code: 1 });
    expect(overlayIn(undefined, 'elizaos-1.6')).toEqual({});
  });
});
