/**
 * Profiles and levels. Every spec entry, response variant and check says which profiles it belongs to and at
 * which level. An entry absent from a profile does not exist there.
 *
 * - `documented`: the contract of the ElizaOS documentation (the seeds), made consistent. It stands alone.
 * - the release profiles: what a published `@elizaos/server` release really does, quirks included. They form
 *   release lines: each release names a parent and inherits every level, schema and response it does not set
 *   itself, so a release costs only its differences (docs/decisions/0011-release-profiles.md).
 */
export const PROFILE_TABLE = [
  {
    name: 'documented',
    release: undefined,
    parent: undefined,
    prerelease: false,
    inheritedOnly: false,
    summary: 'The protocol as the ElizaOS documentation describes it, made consistent.',
  },
  {
    name: 'elizaos-1.7',
    release: '1.7.2',
    parent: undefined,
    prerelease: false,
    inheritedOnly: false,
    summary: 'What the published @elizaos/server 1.7.2 really does (probed); the root of the release lines.',
  },
  {
    name: 'elizaos-1.6',
    release: '1.6.5',
    parent: 'elizaos-1.7',
    prerelease: false,
    inheritedOnly: true,
    summary: '@elizaos/server 1.6.5: inherited from elizaos-1.7, differences not yet encoded.',
  },
  {
    name: 'elizaos-1.5',
    release: '1.5.8',
    parent: 'elizaos-1.6',
    prerelease: false,
    inheritedOnly: true,
    summary: '@elizaos/server 1.5.8: inherited from elizaos-1.6, differences not yet encoded.',
  },
  {
    name: 'elizaos-1.7.3',
    release: '1.7.3-alpha.4',
    parent: 'elizaos-1.7',
    prerelease: true,
    inheritedOnly: true,
    summary: '@elizaos/server 1.7.3-alpha.4 (pre-release): inherited from elizaos-1.7, differences not yet encoded.',
  },
] as const;

export type Profile = (typeof PROFILE_TABLE)[number]['name'];
export const PROFILES: readonly Profile[] = PROFILE_TABLE.map((p) => p.name);

/** The parent of profile `P` at the type level (`undefined` for documented and the root release). */
export type ParentOf<P extends Profile> = Extract<(typeof PROFILE_TABLE)[number], { name: P }>['parent'];

/** Which key of a per-profile record `K` profile `P` reads: `P` if the record has it, else its nearest ancestor's. */
export type InheritedKey<P extends Profile, K extends PropertyKey> =
  P extends K ? P : ParentOf<P> extends Profile ? InheritedKey<ParentOf<P>, K> : never;

/** One row of the profile table. */
export interface ProfileInfo {
  name: Profile;
  /** The `@elizaos/server` version a release profile describes; `undefined` for `documented`. */
  release: string | undefined;
  /** The profile it inherits from; `undefined` for `documented` and the root release. */
  parent: Profile | undefined;
  prerelease: boolean;
  /** True while the profile is pure inheritance of its parent: none of its differences are encoded yet. */
  inheritedOnly: boolean;
  summary: string;
}

const INFO = new Map<Profile, ProfileInfo>(PROFILE_TABLE.map((p) => [p.name, p]));

export function profileInfo(profile: Profile): ProfileInfo {
  const info = INFO.get(profile);
  if (!info) throw new Error(`unknown profile ${String(profile)}; use one of ${PROFILES.join(', ')}`);
  return info;
}

/** A profile that describes a published release (every profile but `documented`). */
export type ReleaseProfile = Exclude<Profile, 'documented'>;
export const RELEASE_PROFILES: readonly ReleaseProfile[] = PROFILES.filter((p): p is ReleaseProfile => p !== 'documented');

export function isRelease(profile: Profile): profile is ReleaseProfile {
  return profile !== 'documented';
}

export function parentOf(profile: Profile): Profile | undefined {
  return profileInfo(profile).parent;
}

/** The profile, its parent, its parent's parent, … up to the root of its line. */
export function lineage(profile: Profile): Profile[] {
  const out: Profile[] = [];
  for (let p: Profile | undefined = profile; p !== undefined; p = parentOf(p)) out.push(p);
  return out;
}

export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Which profiles an entry belongs to, and at which level in each. A release profile not named inherits its
 * parent's value; `null` says the entry does not exist in that release (and, by inheritance, in its children
 * unless they set it again).
 */
export type Profiles = Partial<Record<Profile, Level | null>>;

export const BOTH_MUST: Profiles = { documented: 'MUST', 'elizaos-1.7': 'MUST' };

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/**
 * The value a per-profile record holds for `profile`: its own entry if it has one (`null` included), else its
 * parent's, walking up the lineage. `documented` has no parent, so it never inherits.
 */
export function inherited<T>(record: Partial<Record<Profile, T>>, profile: Profile): T | undefined {
  for (const p of lineage(profile)) if (p in record) return record[p];
  return undefined;
}

/** The level of an entry in a profile, or `undefined` when the entry is not part of that profile. */
export function levelIn(profiles: Profiles, profile: Profile): Level | undefined {
  return inherited(profiles, profile) ?? undefined;
}

/**
 * Whether an entry at `level` is selected when the user asks for `selected` and stricter.
 * Selecting `should` runs MUST and SHOULD entries; `may` runs everything.
 */
export function isSelected(level: Level, selected: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(selected);
}

/** The profile used when none is named: what the published 1.7.2 server does, which is what clients meet today. */
export const DEFAULT_PROFILE: Profile = 'elizaos-1.7';
