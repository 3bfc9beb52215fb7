import { isSelected, type Level, type Profile } from '../spec/index.js';
import type { Check } from './check.js';
import { authChecks } from './rest/auth.js';
import { restChecks } from './rest/checks.js';
import { lifecycleChecks } from './rest/lifecycle.js';
import { socketChecks } from './socket/checks.js';
import { levelIn } from '../spec/profiles.js';

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

/** The checks matching --only (all when none) and not --skip; a pattern that matches no check throws `UnknownCheckError`. */
export function matchChecks(checks: Check[], globs: { only?: string[]; skip?: string[] }): Check[] {
  const unknown = [...(globs.only ?? []), ...(globs.skip ?? [])].filter((p) => !checks.some((c) => globToRegExp(p).test(c.id)));
  if (unknown.length > 0) throw new UnknownCheckError(unknown);
  const only = (globs.only ?? []).map(globToRegExp);
  const skip = (globs.skip ?? []).map(globToRegExp);
  return checks.filter((c) => (only.length === 0 || only.some((re) => re.test(c.id))) && !skip.some((re) => re.test(c.id)));
}

/** The checks to run: in the profile, at or above the level, matching --only and not --skip. */
export function selectChecks(checks: Check[], selection: Selection): Check[] {
  return matchChecks(checks, selection).filter((c) => {
    const level = levelIn(c.levels, selection.profile);
    return level !== undefined && isSelected(level, selection.level);
  });
}

/** What `check --list` shows of a check: its id, title, domain, level per profile, spec ids and the option it needs. */
export interface CheckInfo {
  id: string;
  title: string;
  domain: string;
  levels: Check['levels'];
  specIds: string[];
  requires?: Check['requires'];
}

/** The catalogue of checks, by id: data for `check --list [--json]`. */
export function describeChecks(checks: Check[] = allChecks()): CheckInfo[] {
  return checks.map((c) => ({ id: c.id, title: c.title, domain: c.domain, levels: c.levels, specIds: c.specIds, ...(c.requires ? { requires: c.requires } : {}) }));
}
