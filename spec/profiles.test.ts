import { describe, expect, it } from 'vitest';
import { isRelease, levelIn, lineage, parentOf, profileInfo, PROFILES, RELEASE_PROFILES, type Profiles } from './profiles.js';

describe('profiles', () => {
  it('has documented and four release profiles, 1.7 the root of the release lines', () => {
    expect(PROFILES).toEqual(['documented', 'elizaos-1.7', 'elizaos-1.6', 'elizaos-1.5', 'elizaos-1.7.3']);
    expect(RELEASE_PROFILES).toEqual(['elizaos-1.7', 'elizaos-1.6', 'elizaos-1.5', 'elizaos-1.7.3']);
    expect(PROFILES.filter(isRelease)).toEqual(RELEASE_PROFILES);
    expect(parentOf('elizaos-1.7')).toBeUndefined();
    expect(lineage('elizaos-1.5')).toEqual(['elizaos-1.5', 'elizaos-1.6', 'elizaos-1.7']);
    expect(lineage('elizaos-1.7.3')).toEqual(['elizaos-1.7.3', 'elizaos-1.7']);
    expect(lineage('documented')).toEqual(['documented']);
    expect(profileInfo('elizaos-1.7.3')).toMatchObject({ release: '1.7.3-alpha.4', prerelease: true, inheritedOnly: true });
    expect(RELEASE_PROFILES.filter((p) => profileInfo(p).inheritedOnly)).toEqual(['elizaos-1.6', 'elizaos-1.5', 'elizaos-1.7.3']);
  });

  it('levelIn: a release not named takes its parent\'s level, walking up to the root', () => {
    const entry: Profiles = { documented: 'MUST', 'elizaos-1.7': 'SHOULD' };
    expect(levelIn(entry, 'elizaos-1.7')).toBe('SHOULD');
    expect(levelIn(entry, 'elizaos-1.6')).toBe('SHOULD');
    expect(levelIn(entry, 'elizaos-1.5')).toBe('SHOULD');
    expect(levelIn(entry, 'elizaos-1.7.3')).toBe('SHOULD');
    expect(levelIn({ 'elizaos-1.7': 'MUST', 'elizaos-1.6': 'MAY' }, 'elizaos-1.5')).toBe('MAY');
  });

  it('levelIn: null removes an entry from a release and its children, a child can name it again', () => {
    const entry: Profiles = { 'elizaos-1.7': 'MUST', 'elizaos-1.6': null };
    expect(levelIn(entry, 'elizaos-1.7')).toBe('MUST');
    expect(levelIn(entry, 'elizaos-1.6')).toBeUndefined();
    expect(levelIn(entry, 'elizaos-1.5')).toBeUndefined();
    expect(levelIn(entry, 'elizaos-1.7.3')).toBe('MUST');
    expect(levelIn({ ...entry, 'elizaos-1.5': 'SHOULD' }, 'elizaos-1.5')).toBe('SHOULD');
  });

  it('levelIn: documented never inherits, and a release never inherits from documented', () => {
    expect(levelIn({ 'elizaos-1.7': 'MUST' }, 'documented')).toBeUndefined();
    expect(levelIn({ documented: 'MUST' }, 'elizaos-1.7')).toBeUndefined();
    expect(levelIn({ documented: 'MUST' }, 'elizaos-1.6')).toBeUndefined();
  });
});
