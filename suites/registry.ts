import { isSelected, type Level, type Profile } from '../spec/index.js';
import type { Check } from './check.js';
import { authChecks } from './rest/auth.js';
import { restChecks } from './rest/checks.js';
import { lifecycleChecks } from './rest/lifecycle.js';
import { socketChecks } from './socket/checks.js';

/** Every check, by stable id. */
export function allChecks(): Check[] {
  return [...restChecks, ...lifecycleChecks, ...authChecks, ...socketChecks()].sort((a, b) => a.id.localeCompare(b.id));
}

/** `rest.*`, `socket.send.*`, `*exactly-once`: a glob over check ids. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** A pattern of --only or --skip that matches no check: a usage error, named. */
export class UnknownCheckError extends Error {
  readonly code = 'ELIZA_WIRE_UNKNOWN_CHECK';
  constructor(readonly patterns: string[]) {
    super(`no check matches ${patterns.map((p) => `"${p}"`).join(', ')}`);
    this.name = 'UnknownCheckError';
  }
}

export interface Selection {
  profile: Profile;
  level: Level;
  only?: string[];
  skip?: string[];
}

/** The checks to run: in the profile, at or above the level, matching --only and not --skip. */
export function selectChecks(checks: Check[], selection: Selection): Check[] {
  const unknown = [...(selection.only ?? []), ...(selection.skip ?? [])].filter((p) => !checks.some((c) => globToRegExp(p).test(c.id)));
  if (unknown.length > 0) throw new UnknownCheckError(unknown);
  const only = (selection.only ?? []).map(globToRegExp);
  const skip = (selection.skip ?? []).map(globToRegExp);
  return checks.filter((c) => {
    const level = c.levels[selection.profile];
    if (!level || !isSelected(level, selection.level)) return false;
    if (only.length > 0 && !only.some((re) => re.test(c.id))) return false;
    return !skip.some((re) => re.test(c.id));
  });
}
