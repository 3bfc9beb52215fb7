import { z } from 'zod';
import { levelIn, type Profile } from '../profiles.js';
import type { RestOperation, ResponseVariant, ZodShape } from '../rest/operation.js';
import { change, levelChange, type ChangeSite, type SpecChange } from './change.js';
import { shapeOf } from './shape.js';
import { diffShapes } from './shape-diff.js';
import type { Side } from './shape.js';

/** One side of a diff: a profile of some spec data. */
export interface ProfileOf<T> {
  items: readonly T[];
  profile: Profile;
}

const target = (op: RestOperation) => ({ method: op.method, path: op.path });

/** REST changes: operations added, removed, deprecated or moved, and per operation its request and responses. */
export function diffRest(a: ProfileOf<RestOperation>, b: ProfileOf<RestOperation>): SpecChange[] {
  const inA = new Map(a.items.filter((op) => levelIn(op.profiles, a.profile)).map((op) => [op.id, op]));
  const inB = new Map(b.items.filter((op) => levelIn(op.profiles, b.profile)).map((op) => [op.id, op]));
  const out: SpecChange[] = [];
  for (const [id, opA] of inA) {
    const site: ChangeSite = { area: 'rest', specId: id };
    const opB = inB.get(id);
    if (!opB) out.push(change(site, 'rest-operation-removed', target(opA)));
    else out.push(...diffOperation(site, opA, opB, a.profile, b.profile));
  }
  for (const [id, opB] of inB) if (!inA.has(id)) out.push(change({ area: 'rest', specId: id }, 'rest-operation-added', target(opB)));
  return out;
}

function diffOperation(site: ChangeSite, a: RestOperation, b: RestOperation, pa: Profile, pb: Profile): SpecChange[] {
  const out: SpecChange[] = [];
  const t = target(b);
  if (a.method !== b.method || a.path !== b.path) out.push(change(site, 'rest-operation-moved', { from: `${a.method} ${a.path}`, to: `${b.method} ${b.path}` }));
  if (!a.deprecated && b.deprecated) out.push(change(site, 'rest-operation-deprecated', t));
  if (a.deprecated && !b.deprecated) out.push(change(site, 'rest-operation-undeprecated', t));
  if (a.auth !== b.auth) out.push(change(site, b.auth === 'api-key' ? 'rest-auth-required' : 'rest-auth-dropped'));
  out.push(...levelChange(site, levelIn(a.profiles, pa) ?? 'MAY', levelIn(b.profiles, pb) ?? 'MAY'));
  for (const part of ['params', 'query', 'headers'] as const) out.push(...diffParameters(site, part, a[part], b[part]));
  out.push(...diffBody(site, a, b));
  out.push(...diffResponses(site, variantsIn(a, pa), variantsIn(b, pb)));
  return out;
}

const PART_NAMES = { params: 'path parameters', query: 'query', headers: 'headers' } as const;

function diffParameters(site: ChangeSite, part: keyof typeof PART_NAMES, a: ZodShape | undefined, b: ZodShape | undefined): SpecChange[] {
  if (!a && !b) return [];
  const side: Side = 'request';
  const shape = (s: ZodShape | undefined) => shapeOf(z.looseObject(s ?? {}), side);
  return diffShapes(shape(a), shape(b), side, { ...site, location: PART_NAMES[part] });
}

function diffBody(site: ChangeSite, a: RestOperation, b: RestOperation): SpecChange[] {
  if (!a.body && !b.body) return [];
  if (!a.body && b.body) return [change(site, b.body.required ? 'request-body-added-required' : 'request-body-added-optional', { to: b.body.contentType })];
  if (a.body && !b.body) return [change(site, 'request-body-removed', { from: a.body.contentType })];
  const [ba, bb] = [a.body, b.body] as [NonNullable<RestOperation['body']>, NonNullable<RestOperation['body']>];
  const out: SpecChange[] = [];
  if (ba.contentType !== bb.contentType) return [change(site, 'request-content-type-changed', { from: ba.contentType, to: bb.contentType })];
  if (ba.required !== bb.required) out.push(change(site, bb.required ? 'request-body-became-required' : 'request-body-became-optional'));
  out.push(...diffShapes(shapeOf(ba.schema, 'request'), shapeOf(bb.schema, 'request'), 'request', { ...site, location: 'request body' }));
  return out;
}

/** The responses of an operation in a profile, keyed by outcome: the error's ref, or the status. */
function variantsIn(op: RestOperation, profile: Profile): Map<string, ResponseVariant> {
  const out = new Map<string, ResponseVariant>();
  for (const v of op.responses.filter((r) => levelIn(r.profiles, profile))) {
    const base = v.ref ?? String(v.status);
    let key = base;
    for (let n = 2; out.has(key); n += 1) key = `${base} #${n}`;
    out.set(key, v);
  }
  return out;
}

const isError = (v: ResponseVariant) => v.status >= 400;
const what = (key: string, v: ResponseVariant) => (v.ref ? key : v.when ?? v.description);

function diffResponses(site: ChangeSite, a: Map<string, ResponseVariant>, b: Map<string, ResponseVariant>): SpecChange[] {
  const out: SpecChange[] = [];
  for (const [key, va] of a) {
    const vb = b.get(key);
    const params = { status: String(va.status), what: what(key, va) };
    if (!vb) out.push(change(site, isError(va) ? 'response-error-status-removed' : 'response-status-removed', params));
    else out.push(...diffVariant(site, key, va, vb));
  }
  for (const [key, vb] of b) {
    if (!a.has(key)) out.push(change(site, isError(vb) ? 'response-error-status-added' : 'response-status-added', { status: String(vb.status), what: what(key, vb) }));
  }
  return out;
}

function diffVariant(site: ChangeSite, key: string, a: ResponseVariant, b: ResponseVariant): SpecChange[] {
  const params = { status: String(b.status), what: what(key, b) };
  const out: SpecChange[] = [];
  if (a.status !== b.status) out.push(change(site, isError(a) ? 'response-error-status-changed' : 'response-status-changed', { ...params, from: String(a.status), to: String(b.status) }));
  if ((a.contentType ?? 'none') !== (b.contentType ?? 'none')) {
    return [...out, change(site, 'response-content-type-changed', { ...params, from: a.contentType ?? 'no body', to: b.contentType ?? 'no body' })];
  }
  if (a.envelope !== b.envelope) out.push(change(site, 'response-envelope-changed', { ...params, from: a.envelope, to: b.envelope }));
  const [codeA, codeB] = [String(a.error?.code ?? ''), String(b.error?.code ?? '')];
  if (codeA !== codeB && codeA !== '' && codeB !== '') out.push(change(site, 'response-error-code-changed', { ...params, from: codeA, to: codeB }));
  const [msgA, msgB] = [a.error?.message, b.error?.message];
  if (msgA !== undefined && msgB !== undefined && msgA !== msgB) out.push(change(site, 'response-error-message-changed', { ...params, from: msgA, to: msgB }));
  if (a.schema && b.schema) {
    out.push(...diffShapes(shapeOf(a.schema, 'response'), shapeOf(b.schema, 'response'), 'response', { ...site, location: `response ${b.status} body` }));
  }
  return out;
}
