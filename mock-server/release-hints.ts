import { profileInfo, type Profile } from '../spec/profiles.js';

/**
 * What a client sends that belongs to another ElizaOS release, and which release (docs/releases/): the diagnostics
 * name it, so "my client was written for 1.5" is the first thing a developer reads.
 */
export const OTHER_RELEASE = {
  serverId: '`serverId` is the ElizaOS 1.5 field (1.5.8 reads it; 1.6 renamed it `messageServerId`): a client written for 1.5',
  noEntityId: 'a handshake without `auth.entityId` is what ElizaOS 1.5 accepted (1.5.8 has no handshake check) and what the documentation\'s examples send; 1.6 and later refuse it',
  roomIdOnly: '`roomId` alone is how the documentation and 1.5-era clients join',
  centralRoute: 'the `/api/messaging/central-*` routes are ElizaOS 1.5\'s (1.5.8 has no `/channels` or `/message-servers`); since 1.6 they are deprecated forwards',
} as const;

/** `the active profile elizaos-1.7 (@elizaos/server 1.7.2)`, or `the documented profile`. */
export function activeProfile(profile: Profile): string {
  const release = profileInfo(profile).release;
  return release ? `the active profile ${profile} (@elizaos/server ${release})` : `the ${profile} profile`;
}

/** One sentence: where the payload comes from, and what the active profile expects instead. */
export function fromOtherRelease(what: keyof typeof OTHER_RELEASE, profile: Profile, expects: string): string {
  return `${OTHER_RELEASE[what]}; ${activeProfile(profile)} expects ${expects}`;
}
