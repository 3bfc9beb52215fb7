/**
 * Profiles and levels. Every spec entry, response variant and check says which profiles it belongs to and at
 * which level. An entry absent from a profile does not exist there.
 *
 * - `documented`: the contract of the ElizaOS documentation (the seeds), made consistent.
 * - `elizaos-1.7`: what the published `@elizaos/server` 1.7.2 really does, quirks included.
 */
export const PROFILES = ['documented', 'elizaos-1.7'] as const;
export type Profile = (typeof PROFILES)[number];

export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
export type Level = (typeof LEVELS)[number];

/** Which profiles an entry belongs to, and at which level in each. */
export type Profiles = Partial<Record<Profile, Level>>;

export const BOTH_MUST: Profiles = { documented: 'MUST', 'elizaos-1.7': 'MUST' };

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The level of an entry in a profile, or `undefined` when the entry is not part of that profile. */
export function levelIn(profiles: Profiles, profile: Profile): Level | undefined {
  return profiles[profile];
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
