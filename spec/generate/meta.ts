import type { Profile } from '../profiles.js';

/** The ElizaOS protocol version the spec describes. */
export const PROTOCOL_VERSION = '1.7.2';

export const PROFILE_TITLES: Record<Profile, string> = {
  documented: 'The protocol as the ElizaOS documentation describes it, made consistent: one success and one error envelope, presence, typing, messageComplete and controlMessage.',
  'elizaos-1.7': 'The protocol as the published @elizaos/server 1.7.2 really behaves, quirks included: eight envelopes, V1-V5 broadcasts, no presence events.',
};
