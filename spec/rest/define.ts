import { z } from 'zod';
import {
  DocumentedError,
  E1Error,
  E2Error,
  E4Error,
  RootError,
  successEnvelope,
  type DocumentedErrorCode,
} from '../schemas/envelopes.js';
import { levelIn, lineage, PROFILES, RELEASE_PROFILES, type Profile, type Profiles, type ReleaseProfile } from '../profiles.js';
import { apiConventions } from './conventions.js';
import {
  pathParamNames,
  type HttpMethod,
  type RequestBody,
  type ResponseVariant,
  type RestDomain,
  type RestOperation,
  type ZodShape,
} from './operation.js';

/**
 * How a route answers in `elizaos-1.7` (reference §1.3):
 * - `E1`, `E2`: `{success:true, data}`; errors E1 (`error` object) or E2 (`error` string);
 * - `E3`: raw payload, E2-style errors (jobs) unless `E4`;
 * - `E4`: raw payload, sessions errors;
 * - `root`: raw payload, `{error}` errors (routes outside /api).
 */
export type Style = 'E1' | 'E2' | 'E3' | 'E4' | 'root';

/**
 * How a response differs in one release from what the style derives (or from its parent release):
 * - `status`: the release's status when it differs from the documented one (e.g. a 415 that 1.7.2 answers with 500);
 * - `body`: the release's body when it is not what the style derives (a hybrid, E5, …);
 * - `code`: the release's error code (E1/E4) when it differs from the documented `code`;
 * - `envelope`: the release's envelope when it is not the style's;
 * - `message`: the exact message the release sends, when it differs from the entry's `message`.
 */
export interface ReleaseOverlay {
  status?: number;
  body?: z.ZodType;
  code?: string | number;
  envelope?: ResponseVariant['envelope'];
  message?: string;
}

/**
 * Overlays per release, resolved along the lineage: a release's fields override its parent's, a release not named
 * takes its parent's, and `null` says this response does not exist in that release (nor in its children, unless
 * they name one again).
 */
export type ReleaseOverlays = Partial<Record<ReleaseProfile, ReleaseOverlay | null>>;

export interface SuccessInput {
  status: number;
  /** The payload: what `data` holds in the envelope, or the raw body. `undefined`: no body. */
  data?: z.ZodType;
  /** How the release profiles answer where it is not what the style derives. */
  releases?: ReleaseOverlays;
  contentType?: string;
  description?: string;
  profiles?: Profiles;
  when?: string;
}

export interface ErrorInput {
  status: number;
  /** The documented profile's stable code. */
  code: DocumentedErrorCode;
  /** The exact message the releases send (a release's overlay can replace it). */
  message?: string;
  /** How the release profiles answer where it is not what the style derives (code, status, body, envelope). */
  releases?: ReleaseOverlays;
  profiles?: Profiles;
  when?: string;
}

export interface OperationInput {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  profiles: Profiles;
  style: Style;
  probed?: boolean;
  auth?: 'api-key' | 'none';
  deprecated?: boolean;
  aliasOf?: string;
  params?: ZodShape;
  query?: ZodShape;
  headers?: ZodShape;
  body?: z.ZodType | RequestBody;
  success: SuccessInput | SuccessInput[];
  errors?: ErrorInput[];
  /** Responses given verbatim (profile-specific outcomes the builders do not cover). */
  extra?: ResponseVariant[];
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 207: 'Multi-Status', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `Status ${status}`;
}

function only(profiles: Profiles, profile: Profile): Profiles {
  const level = levelIn(profiles, profile);
  return level ? { [profile]: level } : {};
}

/** The variant's levels, resolved for every profile the operation itself belongs to. */
function within(variant: Profiles | undefined, op: Profiles): Profiles {
  const out: Profiles = {};
  for (const profile of PROFILES) {
    const level = levelIn(variant ?? op, profile);
    if (levelIn(op, profile) && level) out[profile] = level;
  }
  return out;
}

/**
 * A release's overlay, resolved along its lineage: the nearest release that names one wins field by field over
 * those above it; `null` ends the walk, and when the release itself (or the nearest named) is null the response
 * does not exist there.
 */
export function overlayIn(overlays: ReleaseOverlays | undefined, release: ReleaseProfile): ReleaseOverlay | null {
  let out: ReleaseOverlay | undefined;
  for (const p of lineage(release) as ReleaseProfile[]) {
    if (!overlays || !(p in overlays)) continue;
    const own = overlays[p];
    if (own === null) return out ?? null;
    out = { ...own, ...out };
  }
  return out ?? {};
}

/**
 * One variant per distinct release answer: `build` gives each release's variant (or none), identical ones are
 * grouped into one variant listing all their releases, and a group is marked null in the releases that would
 * otherwise inherit it but answer differently.
 */
function perRelease(profiles: Profiles, build: (release: ReleaseProfile, level: Profiles) => ResponseVariant | undefined): ResponseVariant[] {
  const groups: { key: string; variant: ResponseVariant }[] = [];
  const schemaIds = new Map<z.ZodType, number>();
  const idOf = (schema: z.ZodType | undefined) => {
    if (!schema) return -1;
    let id = schemaIds.get(schema);
    if (id === undefined) schemaIds.set(schema, (id = schemaIds.size));
    return id;
  };
  for (const release of RELEASE_PROFILES) {
    const level = only(profiles, release);
    if (isEmpty(level)) continue;
    const v = build(release, level);
    if (!v) continue;
    const key = JSON.stringify([v.status, v.description, v.envelope, v.contentType, idOf(v.schema), v.error, v.ref, v.when]);
    const group = groups.find((g) => g.key === key);
    if (group) Object.assign(group.variant.profiles, v.profiles);
    else groups.push({ key, variant: v });
  }
  for (const { variant } of groups) {
    for (const release of RELEASE_PROFILES) {
      if (!(release in variant.profiles) && levelIn(variant.profiles, release)) variant.profiles[release] = null;
    }
  }
  return groups.map((g) => g.variant);
}

function isEmpty(profiles: Profiles): boolean {
  return Object.keys(profiles).length === 0;
}

function documentedSuccess(op: OperationInput, s: SuccessInput, profiles: Profiles): ResponseVariant[] {
  const p = only(profiles, 'documented');
  if (isEmpty(p)) return [];
  const raw = op.style === 'root' || (s.contentType !== undefined && s.contentType !== 'application/json');
  return [{
    status: s.status,
    description: s.description ?? statusText(s.status),
    envelope: s.data === undefined ? 'empty' : raw ? envelopeOfContent(s.contentType) : 'documented',
    contentType: s.data === undefined ? undefined : (s.contentType ?? 'application/json'),
    schema: s.data === undefined ? undefined : raw ? s.data : successEnvelope(s.data),
    profiles: p,
    when: s.when,
  }];
}

function envelopeOfContent(contentType: string | undefined): ResponseVariant['envelope'] {
  if (contentType === 'text/event-stream') return 'sse';
  if (contentType === undefined || contentType === 'application/json') return 'raw';
  return contentType.startsWith('text/') ? 'text' : 'binary';
}

function releaseSuccess(op: OperationInput, s: SuccessInput, profiles: Profiles): ResponseVariant[] {
  const enveloped = (op.style === 'E1' || op.style === 'E2') && (s.contentType ?? 'application/json') === 'application/json';
  const derived = (s.data !== undefined && enveloped ? successEnvelope(s.data) : s.data);
  return perRelease(profiles, (release, p) => {
    const o = overlayIn(s.releases, release);
    if (o === null) return undefined;
    const status = o.status ?? s.status;
    if (o.body === undefined && s.data === undefined) {
      return { status, description: s.description ?? statusText(status), envelope: o.envelope ?? 'empty', profiles: p, when: s.when };
    }
    const envelope = o.envelope ?? (o.body ? 'hybrid' : enveloped ? op.style : op.style === 'root' ? envelopeOfContent(s.contentType) : s.contentType && s.contentType !== 'application/json' ? envelopeOfContent(s.contentType) : 'E3');
    return {
      status,
      description: s.description ?? statusText(status),
      envelope: envelope as ResponseVariant['envelope'],
      contentType: s.contentType ?? 'application/json',
      schema: o.body ?? derived,
      profiles: p,
      when: s.when,
    };
  });
}

function documentedError(e: ErrorInput, profiles: Profiles): ResponseVariant[] {
  const p = only(profiles, 'documented');
  if (isEmpty(p)) return [];
  return [{
    status: e.status,
    description: `${statusText(e.status)}: ${e.code}`,
    envelope: 'documented',
    contentType: 'application/json',
    schema: DocumentedError,
    profiles: p,
    error: { code: e.code },
    ref: errorRef(e),
    when: e.when,
  }];
}

const REAL_ERROR_BY_STYLE: Record<Style, { schema: z.ZodType; envelope: ResponseVariant['envelope'] }> = {
  E1: { schema: E1Error, envelope: 'E1' },
  E2: { schema: E2Error, envelope: 'E2' },
  E3: { schema: E2Error, envelope: 'E2' },
  E4: { schema: E4Error, envelope: 'E4' },
  root: { schema: RootError, envelope: 'raw' },
};

function releaseError(op: OperationInput, e: ErrorInput, profiles: Profiles): ResponseVariant[] {
  const byStyle = REAL_ERROR_BY_STYLE[op.style];
  const hasCode = byStyle.envelope === 'E1' || byStyle.envelope === 'E4';
  return perRelease(profiles, (release, p) => {
    const o = overlayIn(e.releases, release);
    if (o === null) return undefined;
    const status = o.status ?? e.status;
    const message = o.message ?? e.message;
    return {
      status,
      description: `${statusText(status)}${message ? `: ${message}` : ''}`,
      envelope: o.envelope ?? byStyle.envelope,
      contentType: 'application/json',
      schema: o.body ?? byStyle.schema,
      profiles: p,
      error: { code: o.code ?? (hasCode ? e.code : undefined), message },
      ref: errorRef(e),
      when: e.when,
    };
  });
}

/** The ref that links an error's documented and 1.7.2 variants. */
export function errorRef(e: { code: string; message?: string }): string {
  return e.message ? `${e.code}:${e.message}` : e.code;
}

function normaliseBody(body: OperationInput['body']): RequestBody | undefined {
  if (body === undefined) return undefined;
  if ('contentType' in body && 'schema' in body) return body as RequestBody;
  return { contentType: 'application/json', schema: body as z.ZodType, required: true };
}

function checkParams(input: OperationInput): void {
  const names = pathParamNames(input.path);
  const declared = Object.keys(input.params ?? {});
  const missing = names.filter((n) => !declared.includes(n));
  const extra = declared.filter((n) => !names.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`spec ${input.id}: path ${input.path} declares params [${declared.join(', ')}]; fix the params to [${names.join(', ')}]`);
  }
}

/**
 * Builds one REST operation: the success and error descriptions become one response variant per profile, and
 * the /api conventions (auth, rate limit, body parsing, global error handler) are added.
 */
/** `I` with its leading `From` swapped for `To`: an alias's id, typed from its target's. */
export type RenamedId<I extends string, From extends string, To extends string> = I extends `${From}${infer Rest}` ? `${To}${Rest}` : never;

/** The id of an alias: `id` with its prefix `from` replaced by `to`, the literal type kept. */
export function renameId<const I extends string, const From extends string, const To extends string>(id: I, from: From, to: To): RenamedId<I, From, To> {
  if (!id.startsWith(from)) throw new Error(`spec: alias of ${id}: the id does not start with '${from}'; rename from its real prefix`);
  return `${to}${id.slice(from.length)}` as RenamedId<I, From, To>;
}

/** A list of inputs with each literal id kept, so the operation ids are typed from the data itself. */
export function operationInputs<const I extends string>(inputs: (OperationInput & { id: I })[]): (OperationInput & { id: I })[] {
  return inputs;
}

export function defineOperation<const I extends string>(input: OperationInput & { id: I }): RestOperation & { id: I } {
  checkParams(input);
  const successes = Array.isArray(input.success) ? input.success : [input.success];
  const errors = input.errors ?? [];
  const responses: ResponseVariant[] = [];
  for (const s of successes) {
    const profiles = within(s.profiles, input.profiles);
    responses.push(...documentedSuccess(input, s, profiles), ...releaseSuccess(input, s, profiles));
  }
  for (const e of errors) {
    const profiles = within(e.profiles, input.profiles);
    responses.push(...documentedError(e, profiles), ...releaseError(input, e, profiles));
  }
  responses.push(...(input.extra ?? []));
  const auth = input.auth ?? (input.path.startsWith('/api/') ? 'api-key' : 'none');
  const op: RestOperation & { id: I } = {
    id: input.id,
    method: input.method,
    path: input.path,
    domain: domainOf(input.id),
    summary: input.summary,
    description: input.description,
    style: input.style,
    auth,
    profiles: input.profiles,
    deprecated: input.deprecated,
    aliasOf: input.aliasOf,
    params: input.params,
    query: input.query,
    headers: input.headers,
    body: normaliseBody(input.body),
    responses,
    probed: input.probed ?? false,
  };
  op.responses.push(...apiConventions(op));
  return op;
}

function domainOf(id: string): RestDomain {
  return id.split('.')[0] as RestDomain;
}

/** A multipart body with one `file` part. */
export function multipartFile(file: z.ZodType, extra: ZodShape = {}): RequestBody {
  return { contentType: 'multipart/form-data', schema: z.object({ file, ...extra }), required: true };
}
