import { z } from 'zod';
import { Uuid } from '../../spec/schemas/primitives.js';
import { describe, expect, it } from 'vitest';
import { currentSpec, diffSpecs, type SpecData } from '../../spec/diff/index.js';
import { levelIn } from '../../spec/profiles.js';
import { withBodySchema, withEventSchema, withFlow, withHandshake, withOperation, withResponseSchema } from './edit-spec.js';

/** The changes from this package's elizaos-1.7 to the same profile of an edited copy. */
function changesTo(edited: SpecData) {
  return diffSpecs({ profile: 'elizaos-1.7' }, { profile: 'elizaos-1.7', spec: edited }).changes.map((c) => ({
    rule: c.rule, level: c.level, breaking: c.breaking, specId: c.specId, path: c.params.path,
  }));
}

describe('spec diff of one edited field', () => {
  it('finds no change between a profile and an unedited copy of it', () => {
    expect(changesTo(currentSpec())).toEqual([]);
  });

  it('reports a removed response field as breaking', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.omit({ uptime: true }));
    expect(changesTo(edited)).toEqual([{ rule: 'response-required-field-removed', level: 'error', breaking: true, specId: 'system.version', path: 'uptime' }]);
  });

  it('reports an added response field as not breaking', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.extend({ build: z.string() }));
    expect(changesTo(edited)).toEqual([{ rule: 'response-field-added', level: 'info', breaking: false, specId: 'system.version', path: 'build' }]);
  });

  it('reports a response field that may now be missing as breaking', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.extend({ uptime: z.number().optional() }));
    expect(changesTo(edited)).toEqual([{ rule: 'response-field-became-optional', level: 'error', breaking: true, specId: 'system.version', path: 'uptime' }]);
  });

  it('reports a retyped response field as breaking', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.extend({ uptime: z.string() }));
    expect(changesTo(edited)).toEqual([{ rule: 'response-field-retyped', level: 'error', breaking: true, specId: 'system.version', path: 'uptime' }]);
  });

  it('reports a renamed response field as one breaking rename', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.omit({ environment: true }).extend({ env: z.string() }));
    const changes = diffSpecs({ profile: 'elizaos-1.7' }, { profile: 'elizaos-1.7', spec: edited }).changes;
    expect(changes.map((c) => [c.rule, c.breaking, c.params.from, c.params.to])).toEqual([['response-field-renamed', true, 'environment', 'env']]);
  });

  it('reports an added required request field as breaking', () => {
    const edited = withBodySchema('messaging.channels.create', (s) => s.extend({ topic: z.string() }));
    expect(changesTo(edited)).toEqual([{ rule: 'request-required-field-added', level: 'error', breaking: true, specId: 'messaging.channels.create', path: 'topic' }]);
  });

  it('reports an added optional request field as not breaking', () => {
    const edited = withBodySchema('messaging.channels.create', (s) => s.extend({ topic: z.string().optional() }));
    expect(changesTo(edited)).toEqual([{ rule: 'request-optional-field-added', level: 'info', breaking: false, specId: 'messaging.channels.create', path: 'topic' }]);
  });

  it('reports an enum narrowed on the request side as breaking, widened on the response side as a warning', () => {
    const narrowed = withBodySchema('messaging.channels.create', (s) => s.extend({ type: z.enum(['DM']).optional() }));
    expect(changesTo(narrowed).map((c) => [c.rule, c.level, c.path])).toEqual([['request-enum-value-removed', 'error', 'type']]);
    const widened = withResponseSchema('system.version', 200, (s) => s.extend({ source: z.enum(['server', 'proxy']) }));
    expect(changesTo(widened).map((c) => [c.rule, c.level, c.path])).toEqual([['response-enum-value-added', 'warning', 'source']]);
  });

  it('reports a response literal widened to its type as a warning, a request string narrowed to values as breaking', () => {
    const widened = withResponseSchema('system.version', 200, (s) => s.extend({ source: z.string() }));
    expect(changesTo(widened).map((c) => [c.rule, c.level, c.path])).toEqual([['response-field-widened', 'warning', 'source']]);
    const narrowed = withBodySchema('messaging.channels.create', (s) => s.extend({ name: z.enum(['general', 'random']) }));
    expect(changesTo(narrowed).map((c) => [c.rule, c.level, c.path])).toEqual([['request-field-narrowed', 'error', 'name']]);
  });

  it('reports a removed operation as breaking and a deprecated one as a warning', () => {
    expect(changesTo(withOperation('system.version', () => undefined)).map((c) => [c.rule, c.breaking])).toEqual([['rest-operation-removed', true]]);
    expect(changesTo(withOperation('system.version', (op) => ({ ...op, deprecated: true }))).map((c) => [c.rule, c.level])).toEqual([['rest-operation-deprecated', 'warning']]);
  });

  it('reads a server event payload as a response and a client event payload as a request', () => {
    const required = withEventSchema('server.messageAck', (s) => s.omit({ messageId: true }));
    expect(changesTo(required).map((c) => [c.rule, c.breaking, c.specId, c.path])).toEqual([['response-required-field-removed', true, 'server.messageAck', 'messageId']]);
    const optional = withEventSchema('server.messageAck', (s) => s.omit({ clientMessageId: true }));
    expect(changesTo(optional).map((c) => [c.rule, c.level])).toEqual([['response-optional-field-removed', 'warning']]);
    const client = withEventSchema('client.update_log_filters', (s) => s.extend({ since: z.number() }));
    expect(changesTo(client).map((c) => [c.rule, c.breaking, c.specId])).toEqual([['request-required-field-added', true, 'client.update_log_filters']]);
  });

  it('reports an event that no longer comes in a flow as breaking, and a new order as breaking', () => {
    const dropped = withFlow('flow.connect', (f) => ({
      ...f,
      steps: f.steps.map((s) => ({ ...s, expect: s.expect.map((a) => ({ ...a, sequence: a.sequence.filter((e) => e.event !== 'server.connection_established') })) })),
    }));
    expect(changesTo(dropped).map((c) => [c.rule, c.breaking, c.specId])).toEqual([['flow-event-no-longer-comes', true, 'flow.connect']]);
    const reordered = withFlow('flow.connect', (f) => ({
      ...f,
      steps: f.steps.map((s) => ({ ...s, expect: s.expect.map((a) => ({ ...a, sequence: [...a.sequence].reverse() })) })),
    }));
    expect(changesTo(reordered).map((c) => [c.rule, c.breaking])).toEqual([['flow-order-changed', true]]);
  });

  it('pairs no rename on a lone literal: a field gone and another come are reported apart', () => {
    const edited = withResponseSchema('system.version', 200, (s) => s.omit({ source: true }).extend({ origin: z.literal('server') }));
    expect(changesTo(edited).map((c) => [c.rule, c.path])).toEqual([['response-required-field-removed', 'source'], ['response-field-added', 'origin']]);
  });

  it('reports a new handshake refusal as breaking and a required auth field as breaking', () => {
    const refused = withHandshake((h) => ({ ...h, rejections: [...h.rejections, { reason: 'origin', message: 'Origin not allowed', profiles: { 'elizaos-1.7': 'MUST' }, when: 'the Origin header is not listed' }] }));
    expect(changesTo(refused).map((c) => [c.rule, c.breaking, c.specId])).toEqual([['handshake-rejection-added', true, 'handshake']]);
    const auth = withHandshake((h) => ({ ...h, auth: { ...h.auth, 'elizaos-1.7': z.looseObject({ entityId: Uuid, apiKey: z.string() }) } }));
    expect(changesTo(auth).map((c) => [c.rule, c.breaking, c.path])).toEqual([['request-field-became-required', true, 'apiKey']]);
  });

  it('reports an event a flow now forbids as breaking', () => {
    const forbidden = withFlow('flow.connect', (f) => ({
      ...f,
      steps: f.steps.map((s) => ({ ...s, expect: s.expect.map((a) => ({ ...a, sequence: a.sequence.map((e) => (e.event === 'server.connection_established' ? { ...e, count: 'none' as const } : e)) })) })),
    }));
    expect(changesTo(forbidden).map((c) => [c.rule, c.breaking])).toEqual([['flow-event-now-forbidden', true]]);
  });

  it('diffs two profiles of one spec: a release that overrides one response of its parent shows only that', () => {
    // elizaos-1.7.3 inherits everything from elizaos-1.7; here it answers system.version without uptime
    const edited = withOperation('system.version', (op) => ({
      ...op,
      responses: op.responses.flatMap((v) => (v.status === 200 && levelIn(v.profiles, 'elizaos-1.7') && v.schema instanceof z.ZodObject
        ? [{ ...v, profiles: { ...v.profiles, 'elizaos-1.7.3': null } }, { ...v, profiles: { 'elizaos-1.7.3': 'MUST' as const }, schema: v.schema.omit({ uptime: true }) }]
        : [v])),
    }));
    const diff = diffSpecs({ profile: 'elizaos-1.7', spec: edited }, { profile: 'elizaos-1.7.3', spec: edited });
    expect(diff.changes.map((c) => [c.rule, c.breaking, c.specId, c.params.path])).toEqual([['response-required-field-removed', true, 'system.version', 'uptime']]);
    expect(diffSpecs({ profile: 'elizaos-1.7' }, { profile: 'elizaos-1.7.3' }).changes).toEqual([]);
  });
});
