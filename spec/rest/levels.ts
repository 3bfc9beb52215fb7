import type { Level, Profiles } from '../profiles.js';

/** `lv(documented, elizaos17)`: the levels of an entry in each profile; `undefined` leaves it out of that profile. */
export function lv(documented: Level | undefined, elizaos17: Level | undefined): Profiles {
  const out: Profiles = {};
  if (documented) out.documented = documented;
  if (elizaos17) out['elizaos-1.7'] = elizaos17;
  return out;
}
