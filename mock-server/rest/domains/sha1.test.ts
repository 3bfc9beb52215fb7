import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from './sha1.js';

const reference = (text: string) => createHash('sha1').update(text).digest('hex');

describe('sha1Hex', () => {
  it('matches the FIPS 180 examples', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('agrees with node:crypto across block boundaries and for non-ASCII text', () => {
    for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 200]) expect(sha1Hex('x'.repeat(length))).toBe(reference('x'.repeat(length)));
    const key = '00000000-0000-0000-0000-000000000000:b850bc30-45f8-0041-a00a-83df46d8555d ключ 🙂';
    expect(sha1Hex(key)).toBe(reference(key));
  });
});
