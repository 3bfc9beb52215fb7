import { schemaIssues, type Profile, type ResponseVariant, type RestOperation } from '../../spec/index.js';
import type { CallResult } from '../http.js';
import { levelIn } from '../../spec/profiles.js';

export interface Fit {
  ok: boolean;
  variant?: ResponseVariant;
  problem?: string;
}

function contentFamily(type: string | null): string {
  const t = (type ?? '').split(';')[0]?.trim() ?? '';
  return t === '' ? 'none' : t;
}

function fitsVariant(v: ResponseVariant, result: CallResult): string | undefined {
  if (v.contentType === undefined) return result.text === '' ? undefined : `expected no body, got ${result.text.slice(0, 80)}`;
  const got = contentFamily(result.headers.get('content-type'));
  if (v.contentType === 'application/json') {
    if (got !== 'application/json') return `expected application/json, got ${got}`;
    const issues = v.schema ? schemaIssues(v.schema, result.body) : [];
    return issues.length > 0 ? issues.slice(0, 5).join('; ') : undefined;
  }
  if (v.contentType.startsWith('text/') && got !== v.contentType) return `expected ${v.contentType}, got ${got}`;
  return undefined;
}

/**
 * Whether a response is one the spec declares for the operation in the profile: same status, content type and
 * a body that fits the schema. `among` narrows the variants (e.g. the unconditional successes).
 */
export function fitSpec(op: RestOperation, profile: Profile, result: CallResult, among?: (v: ResponseVariant) => boolean): Fit {
  const variants = op.responses.filter((v) => levelIn(v.profiles, profile) && (!among || among(v)));
  const sameStatus = variants.filter((v) => v.status === result.status);
  if (sameStatus.length === 0) {
    const declared = [...new Set(variants.map((v) => v.status))].sort().join(', ');
    return { ok: false, problem: `status ${result.status} is not among the expected ${declared || '(none)'} of ${op.id} in ${profile}` };
  }
  const problems: string[] = [];
  for (const v of sameStatus) {
    const problem = fitsVariant(v, result);
    if (!problem) return { ok: true, variant: v };
    problems.push(`${v.envelope}: ${problem}`);
  }
  return { ok: false, problem: `the ${result.status} body fits no declared variant of ${op.id} in ${profile}: ${problems.join(' | ')}` };
}

/** The successes an operation promises without conditions, in the profile. */
export function plainSuccess(v: ResponseVariant): boolean {
  return v.status >= 200 && v.status < 300 && v.when === undefined;
}

/** The errors (status >= 400) an operation declares, in the profile. */
export function anyError(v: ResponseVariant): boolean {
  return v.status >= 400;
}
