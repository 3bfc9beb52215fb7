import { describe, expect, it } from 'vitest';
import { sameSecret } from './security.js';

describe('sameSecret', () => {
  it('accepts only the exact secret', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3creT', 's3cret')).toBe(false);
    expect(sameSecret('s3cret ', 's3cret')).toBe(false);
    expect(sameSecret('', 's3cret')).toBe(false);
    expect(sameSecret(undefined, 's3cret')).toBe(false);
    expect(sameSecret('ключ', 'ключ')).toBe(true);
  });
});
