import type { Profile } from '../profiles.js';
import type { SpecChange } from './change.js';
import { diffFlows } from './flow-diff.js';
import { diffHandshake } from './handshake-diff.js';
import { diffRest } from './rest-diff.js';
import { CHANGE_LEVELS, type ChangeLevel } from './rules.js';
import { diffSocket, wireName } from './socket-diff.js';
import { currentSpec, type SpecData } from './spec-data.js';

/** One side of a diff: a profile, and the spec data to read it from (default: this package's spec). */
export interface DiffSide {
  profile: Profile;
  spec?: SpecData;
}

/** What changed from profile `from` to profile `to`, for a client written against `from`. */
export interface SpecDiff {
  from: Profile;
  to: Profile;
  /** Sorted by area (rest, socket, handshake, flow), spec id, level and message: the same input, the same list. */
  changes: SpecChange[];
  counts: Record<ChangeLevel, number>;
  breaking: boolean;
}

const AREA_ORDER = ['rest', 'socket', 'handshake', 'flow'] as const;

function compareChanges(x: SpecChange, y: SpecChange): number {
  return AREA_ORDER.indexOf(x.area) - AREA_ORDER.indexOf(y.area)
    || (x.specId < y.specId ? -1 : x.specId > y.specId ? 1 : 0)
    || CHANGE_LEVELS.indexOf(x.level) - CHANGE_LEVELS.indexOf(y.level)
    || (x.message < y.message ? -1 : x.message > y.message ? 1 : 0);
}

/**
 * The structural diff of two profiles, each change under a rule of `DIFF_RULES`.
 *
 * @example
 * const diff = diffSpecs({ profile: 'documented' }, { profile: 'elizaos-1.7' });
 * diff.changes.filter((c) => c.breaking).map((c) => `${c.specId}: ${c.message}`);
 */
export function diffSpecs(a: DiffSide, b: DiffSide): SpecDiff {
  const sa = a.spec ?? currentSpec();
  const sb = b.spec ?? currentSpec();
  const wire = (spec: SpecData) => {
    const names = new Map(spec.socketEvents.map((e) => [e.id, wireName(e)]));
    return (id: string) => names.get(id) ?? id;
  };
  const changes = [
    ...diffRest({ items: sa.restOperations, profile: a.profile }, { items: sb.restOperations, profile: b.profile }),
    ...diffSocket({ items: sa.socketEvents, profile: a.profile }, { items: sb.socketEvents, profile: b.profile }),
    ...diffHandshake(sa.handshake, a.profile, sb.handshake, b.profile),
    ...diffFlows({ items: sa.flows, profile: a.profile, wireName: wire(sa) }, { items: sb.flows, profile: b.profile, wireName: wire(sb) }),
  ].sort(compareChanges).filter((c, i, all) => i === 0 || compareChanges(c, all[i - 1] as SpecChange) !== 0);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const c of changes) counts[c.level] += 1;
  return { from: a.profile, to: b.profile, changes, counts, breaking: counts.error > 0 };
}

/** The strictest level that fails a `--fail-on`: `breaking` fails on errors, `warning` on errors and warnings. */
export type FailOn = 'breaking' | 'warning';

export function failsOn(diff: SpecDiff, failOn: FailOn): boolean {
  return diff.counts.error > 0 || (failOn === 'warning' && diff.counts.warning > 0);
}
