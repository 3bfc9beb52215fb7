import type { Level, Profile, Profiles } from '../spec/index.js';
import type { HttpClient, Target } from './http.js';
import type { Evidence, Finding } from './model.js';

/** What the target offers, found through the protocol once per run. */
export interface Discovery {
  messageServerId: string;
  agentId?: string;
}

export interface CheckContext {
  target: Target;
  profile: Profile;
  /** The strictest level selected: MUST runs MUST only, MAY runs everything. */
  level: Level;
  /** Per request and per wait. */
  timeoutMs: number;
  /** The most one check may take (plus the waits its spec sets); then it is stopped and fails. Default 6 × timeoutMs. */
  checkTimeoutMs?: number;
  seed: number;
  http: HttpClient;
  discover(): Promise<Discovery>;
  /** Records socket traffic for the coverage summary. */
  sawSocket(sent: string[], received: string[]): void;
}

/** A conformance check: a stable id, the spec entries it covers, its level per profile, and what it does. */
export interface Check {
  id: string;
  title: string;
  /** Groups checks in reports: rest, auth, headers, socket, rest-socket. */
  domain: string;
  specIds: string[];
  levels: Profiles;
  /** An option the check needs; without it the check is skipped and says why. */
  requires?: 'apiKey' | 'socketApiKey';
  /** How long the check waits by design (a flow's steps); its time limit is the per-check limit plus this. */
  waitsMs?: number;
  run(ctx: CheckContext): Promise<Omit<Finding, 'checkId'>[] | { skip: string }>;
}

/** A finding of a check, at the check's level unless the spec entry has its own. */
export function finding(message: string, level: Level, reproduce: string, evidence: Evidence, specId?: string): Omit<Finding, 'checkId'> {
  return { message, level, reproduce, evidence, ...(specId ? { specId } : {}) };
}
