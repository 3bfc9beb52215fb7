import { profileInfo, type Profile } from '../profiles.js';

/** The ElizaOS protocol version the spec describes. */
export const PROTOCOL_VERSION = '1.7.2';

/** The version a generated document describes: the release of a release profile, else the protocol version. */
export function versionOf(profile: Profile): string {
  return profileInfo(profile).release ?? PROTOCOL_VERSION;
}

export const PROFILE_TITLES: Record<Profile, string> = {
  documented: 'The protocol as the ElizaOS documentation describes it, made consistent: one success and one error envelope, presence, typing, messageComplete and controlMessage.',
  'elizaos-1.7': 'The protocol as the published @elizaos/server 1.7.2 really behaves, quirks included: eight envelopes, V1-V5 broadcasts, no presence events.',
  'elizaos-1.6': 'The protocol of the published @elizaos/server 1.6.5. Inherited from elizaos-1.7 (1.7.2): its differences are not yet encoded.',
  'elizaos-1.5': 'The protocol of the published @elizaos/server 1.5.8. Inherited from elizaos-1.6, and so from elizaos-1.7 (1.7.2): its differences are not yet encoded.',
  'elizaos-1.7.3': 'The protocol of the pre-release @elizaos/server 1.7.3-alpha.4. Inherited from elizaos-1.7 (1.7.2): its differences are not yet encoded.',
};
