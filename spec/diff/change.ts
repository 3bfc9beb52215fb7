import type { Level } from '../profiles.js';
import { DIFF_RULES, type ChangeLevel, type DiffRuleId } from './rules.js';

/** What part of the protocol a change is in. */
export type ChangeArea = 'rest' | 'socket' | 'handshake' | 'flow';

/**
 * One change between two profiles, as data. `breaking` is `level === 'error'`: a client written against the first
 * profile fails against the second. `params` fill the rule's message template and stay for tools.
 */
export interface SpecChange {
  rule: DiffRuleId;
  level: ChangeLevel;
  breaking: boolean;
  area: ChangeArea;
  /** The spec id of the entry: an operation, socket event or flow id, or `handshake`. */
  specId: string;
  message: string;
  params: Record<string, string>;
}

/** Where a change is, before its rule is applied: the entry and its area. */
export interface ChangeSite {
  area: ChangeArea;
  specId: string;
}

/** Fills `{name}` placeholders; an unknown name stays visible rather than vanishing. */
export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A change under `rule` at `site`. */
export function change(site: ChangeSite, rule: DiffRuleId, params: Record<string, string> = {}): SpecChange {
  const { level, message } = DIFF_RULES[rule];
  const all = { specId: site.specId, ...params };
  return { rule, level, breaking: level === 'error', area: site.area, specId: site.specId, message: fillTemplate(message, all), params };
}

const LEVEL_ORDER: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

/** A level change of an entry present in both profiles, or nothing. */
export function levelChange(site: ChangeSite, from: Level, to: Level): SpecChange[] {
  if (from === to) return [];
  const weaker = LEVEL_ORDER.indexOf(to) > LEVEL_ORDER.indexOf(from);
  return [change(site, weaker ? 'level-weakened' : 'level-strengthened', { from, to })];
}
