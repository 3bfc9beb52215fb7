import { randomUUID } from 'node:crypto';
import { CONVENTION_REFS, isSelected, pathParamNames, restOperations, UNKNOWN_API_ROUTE, Uuid, type RestOperation } from '../../spec/index.js';
import { finding, type Check, type CheckContext } from '../check.js';
import { curlOf, type CallOptions, type CallResult } from '../http.js';
import { anyError, fitSpec, plainSuccess } from './fit.js';
import { channelFixture, paramsFor, type ChannelFixture } from './fixture-channel.js';
import { levelIn, isRelease } from '../../spec/profiles.js';

type Found = Awaited<ReturnType<Check['run']>>;
const BOTH = { documented: 'MUST', 'elizaos-1.7': 'MUST' } as const;

/** The operations of the profile at the selected level, optionally narrowed. */
function operations(ctx: CheckContext, keep: (op: RestOperation) => boolean): RestOperation[] {
  return restOperations.filter((op) => {
    const level = levelIn(op.profiles, ctx.profile);
    return level !== undefined && isSelected(level, ctx.level) && keep(op);
  });
}

function report(ctx: CheckContext, op: RestOperation, result: CallResult, problem: string) {
  return finding(`${op.id}: ${problem}`, levelIn(op.profiles, ctx.profile) ?? 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] }, op.id);
}

/** Runs `probe` for each operation with a channel fixture around all of them. */
async function withChannel(ctx: CheckContext, name: string, run: (f: ChannelFixture) => Promise<Found>): Promise<Found> {
  const f = await channelFixture(ctx, name);
  try {
    return await run(f);
  } finally {
    await f.remove();
  }
}

const isJsonWrite = (op: RestOperation) => op.body?.contentType === 'application/json';
const skipFiles = (op: RestOperation) => !op.path.startsWith('/media/');
/** Query parameters a read needs: none may be required, so a bare call is valid. */
const noRequiredQuery = (op: RestOperation) => Object.values(op.query ?? {}).every((s) => s.safeParse(undefined).success);

async function probeEach(ctx: CheckContext, ops: RestOperation[], f: ChannelFixture, call: (op: RestOperation, params: Record<string, string>) => Promise<{ result: CallResult; problem?: string } | undefined>): Promise<Found> {
  const findings = [];
  for (const op of ops) {
    const params = paramsFor(pathParamNames(op.path), f, { worldId: randomUUID(), memoryId: randomUUID(), logId: randomUUID(), runId: randomUUID(), sessionId: randomUUID(), jobId: randomUUID(), messageId: randomUUID(), id: randomUUID() });
    if (!params) continue;
    const outcome = await call(op, params);
    if (outcome?.problem) findings.push(report(ctx, op, outcome.result, outcome.problem));
  }
  return findings;
}

const reads: Check = {
  id: 'rest.reads.conformance',
  title: 'Every read answers a declared success: status, content type, envelope and schema',
  domain: 'rest',
  specIds: restOperations.filter((o) => o.method === 'GET').map((o) => o.id),
  levels: BOTH,
  run: (ctx) => withChannel(ctx, 'reads', (f) => {
    const ops = operations(ctx, (op) => op.method === 'GET' && skipFiles(op) && noRequiredQuery(op) && pathParamNames(op.path).every((p) => ['agentId', 'channelId', 'messageServerId', 'serverId'].includes(p)));
    return probeEach(ctx, ops, f, async (op, params) => {
      const result = await ctx.http.call(op.id, { params });
      const hasPlain = op.responses.some((v) => levelIn(v.profiles, ctx.profile) && plainSuccess(v));
      const fit = fitSpec(op, ctx.profile, result, hasPlain ? plainSuccess : undefined);
      return { result, problem: fit.ok ? undefined : fit.problem };
    });
  }),
};

function firstUuidParam(op: RestOperation): string | undefined {
  return Object.entries(op.params ?? {}).find(([, s]) => s === Uuid || s.safeParse(randomUUID()).success && !s.safeParse('not-a-uuid').success)?.[0];
}

const invalidUuid: Check = {
  id: 'rest.errors.invalid-uuid',
  title: 'A path id that is not a UUID gets a declared error (400), not a success or a crash',
  domain: 'rest',
  specIds: restOperations.filter((o) => firstUuidParam(o)).map((o) => o.id),
  levels: BOTH,
  run: (ctx) => withChannel(ctx, 'invalid-uuid', (f) => {
    const ops = operations(ctx, (op) => firstUuidParam(op) !== undefined && !op.aliasOf && op.body?.contentType !== 'multipart/form-data');
    return probeEach(ctx, ops, f, async (op, params) => {
      const name = firstUuidParam(op) ?? '';
      const result = await ctx.http.call(op.id, { params: { ...params, [name]: 'not-a-uuid' }, ...(isJsonWrite(op) ? { body: {} } : {}) });
      const fit = fitSpec(op, ctx.profile, result, anyError);
      return { result, problem: fit.ok ? undefined : `with ${name}=not-a-uuid: ${fit.problem}` };
    });
  }),
};

const missingFields: Check = {
  id: 'rest.errors.missing-fields',
  title: 'A JSON body without its required fields gets a declared error',
  domain: 'rest',
  specIds: restOperations.filter((o) => isJsonWrite(o) && o.body?.schema.safeParse({}).success === false).map((o) => o.id),
  levels: BOTH,
  run: (ctx) => withChannel(ctx, 'missing-fields', (f) => {
    const ops = operations(ctx, (op) => isJsonWrite(op) && !op.aliasOf && op.body?.schema.safeParse({}).success === false);
    return probeEach(ctx, ops, f, async (op, params) => {
      const result = await ctx.http.call(op.id, { params, body: {} });
      const fit = fitSpec(op, ctx.profile, result, anyError);
      return { result, problem: fit.ok ? undefined : `with an empty body: ${fit.problem}` };
    });
  }),
};

/** Required UUID fields of a JSON body, at the top level. */
function requiredUuidFields(op: RestOperation): string[] {
  const shape = (op.body?.schema as unknown as { shape?: Record<string, { safeParse: (v: unknown) => { success: boolean } }> }).shape ?? {};
  return Object.entries(shape).filter(([, s]) => !s.safeParse(undefined).success && s.safeParse(randomUUID()).success && !s.safeParse('x').success).map(([k]) => k);
}

const wrongTypes: Check = {
  id: 'rest.errors.wrong-types',
  title: 'A required UUID field sent as a number gets a declared error',
  domain: 'rest',
  specIds: restOperations.filter((o) => isJsonWrite(o) && requiredUuidFields(o).length > 0).map((o) => o.id),
  levels: BOTH,
  run: (ctx) => withChannel(ctx, 'wrong-types', (f) => {
    const ops = operations(ctx, (op) => isJsonWrite(op) && !op.aliasOf && requiredUuidFields(op).length > 0);
    return probeEach(ctx, ops, f, async (op, params) => {
      const body = Object.fromEntries(requiredUuidFields(op).map((k) => [k, 42]));
      const result = await ctx.http.call(op.id, { params, body: { content: 'x', name: 'x', ...body } });
      const fit = fitSpec(op, ctx.profile, result, anyError);
      return { result, problem: fit.ok ? undefined : `with ${Object.keys(body).join(', ')} = 42: ${fit.problem}` };
    });
  }),
};

/** One JSON-body operation per domain: the body conventions hold for all /api routes alike. */
function samples(ctx: CheckContext): RestOperation[] {
  const byDomain = new Map<string, RestOperation>();
  for (const op of operations(ctx, (o) => isJsonWrite(o) && !o.aliasOf && o.path.startsWith('/api/') && !o.path.startsWith('/api/media/') && pathParamNames(o.path).every((p) => p === 'agentId' || p === 'channelId'))) {
    if (!byDomain.has(op.domain)) byDomain.set(op.domain, op);
  }
  return [...byDomain.values()];
}

function convention(id: string, title: string, ref: string, options: CallOptions): Check {
  return {
    id,
    title,
    domain: 'rest',
    specIds: [],
    levels: BOTH,
    run: (ctx) => withChannel(ctx, id, (f) => probeEach(ctx, samples(ctx), f, async (op, params) => {
      const result = await ctx.http.call(op.id, { params, ...options });
      const fit = fitSpec(op, ctx.profile, result, (v) => v.ref === ref);
      return { result, problem: fit.ok ? undefined : `${title.toLowerCase()}: ${fit.problem}` };
    })),
  };
}

const malformedJson = convention('rest.errors.malformed-json', 'Malformed JSON gets the profile’s error (1.7.2: 500 E5; documented: 400 INVALID_JSON)', CONVENTION_REFS.malformedJson, { raw: '{"name": ', contentType: 'application/json' });
const wrongContentType = convention('rest.errors.content-type', 'A body that is not JSON gets the profile’s error (1.7.2: 400 INVALID_CONTENT_TYPE; documented: 415)', CONVENTION_REFS.contentType, { raw: 'name=x', contentType: 'text/plain' });
const oversize = convention('rest.errors.oversize-body', 'A body over 2 MB gets the profile’s error (documented: 413; 1.7.2: 500 E5)', CONVENTION_REFS.oversize, { raw: JSON.stringify({ content: 'x'.repeat(2 * 1024 * 1024 + 64) }), contentType: 'application/json' });

const unknownRoute: Check = {
  id: 'rest.errors.unknown-route',
  title: 'An unknown /api route gets the profile’s 404 (1.7.2: E5 "API endpoint not found")',
  domain: 'rest',
  specIds: [],
  levels: BOTH,
  run: async (ctx) => {
    const result = await ctx.http.call(undefined, { path: `/api/eliza-wire-no-such-route-${randomUUID().slice(0, 8)}` });
    const variant = UNKNOWN_API_ROUTE.find((v) => levelIn(v.profiles, ctx.profile));
    const issues = variant?.schema ? variant.schema.safeParse(result.body).error?.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) ?? [] : [];
    const wrongStatus = result.status !== variant?.status;
    const wrongMessage = isRelease(ctx.profile) && (result.body as { error?: { message?: string } })?.error?.message !== 'API endpoint not found';
    if (!wrongStatus && issues.length === 0 && !wrongMessage) return [];
    const problem = wrongStatus ? `status ${result.status}, expected ${variant?.status}` : issues.length > 0 ? issues.join('; ') : 'message is not "API endpoint not found"';
    return [finding(`unknown route: ${problem}`, 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] })];
  },
};

export const restChecks: Check[] = [reads, invalidUuid, missingFields, wrongTypes, malformedJson, wrongContentType, oversize, unknownRoute];
