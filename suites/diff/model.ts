import type { Profile } from '../../spec/index.js';

/** Where a difference sits: a flow or a read (by spec id), a JSON path into its normalised result, both values. */
export interface Difference {
  /** The flow id (`flow.send`) or REST operation id (`agents.list`). */
  where: string;
  /** A JSON path into the normalised result, e.g. `steps[0].events.member[1].payload.text` or `body.data.id`. */
  path: string;
  /** `changed`: both have a value; `only-a` / `only-b`: the key, element or event exists on one side only. */
  kind: 'changed' | 'only-a' | 'only-b';
  /** The normalised values; `undefined` on the side that lacks it. */
  a?: unknown;
  b?: unknown;
  /** For socket events: the event name, to read the report without the values. */
  event?: string;
  /** Set when a `--known` entry explains the difference. */
  why?: string;
}

/** One flow or read, run against both servers: the normalised results and what differs. */
export interface DiffUnit {
  id: string;
  kind: 'flow' | 'read';
  a: unknown;
  b: unknown;
  /** Differences no known entry explains: each fails the diff. */
  differences: Difference[];
  /** Differences a known entry explains, with its `why`. */
  explained: Difference[];
}

export interface DiffSummary {
  units: number;
  identical: number;
  unexplained: number;
  explained: number;
}

/** The whole diff: what `--json` writes. */
export interface DiffReport {
  tool: 'eliza-wire';
  a: string;
  b: string;
  profile: Profile;
  startedAt: string;
  durationMs: number;
  summary: DiffSummary;
  units: DiffUnit[];
}
