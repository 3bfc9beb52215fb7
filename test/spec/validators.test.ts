import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../spec/index.js';

const read = (name: string) => readFile(new URL(`../../spec/generated/${name}`, import.meta.url), 'utf8');

/** Warnings we accept, each a fact of the protocol rather than a defect of the document. */
const EXPECTED_WARNINGS: Record<string, string> = {
  'no-ambiguous-paths': '/api/agents/worlds is shadowed by /api/agents/{agentId} in 1.7.2, and the spec says so',
  'operation-2xx-response': 'agents.worlds.list and messaging.complete never succeed on 1.7.2',
};

describe.each(PROFILES)('generated documents (%s)', (profile) => {
  it('OpenAPI 3.1: Redocly (recommended rules) finds no error, and only the expected warnings', async () => {
    const source = await read(`openapi.${profile}.json`);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: `openapi.${profile}.json`, config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
    const unexpected = problems.filter((p) => !(p.ruleId in EXPECTED_WARNINGS)).map((p) => `${p.ruleId}: ${p.message}`);
    expect(unexpected).toEqual([]);
  });

  it('OpenAPI 3.1: has at least 90 operations, each with the spec id as operationId', async () => {
    const doc = JSON.parse(await read(`openapi.${profile}.json`)) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids.length).toBeGreaterThanOrEqual(90);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('AsyncAPI 3.0: @asyncapi/parser accepts it without errors or warnings, with at least 25 messages', async () => {
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(await read(`asyncapi.${profile}.json`));
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${String(d.code)}: ${d.message} at ${d.path.join('.')}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    expect(document?.version()).toBe('3.0.0');
    expect(document?.allMessages().length).toBeGreaterThanOrEqual(25);
  });

  it('AsyncAPI 3.0: a broken document is refused (the validator can fail)', async () => {
    const doc = JSON.parse(await read(`asyncapi.${profile}.json`)) as { operations: Record<string, { action: string }> };
    const first = Object.values(doc.operations)[0];
    if (first) first.action = 'publish';
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    expect(diagnostics.some((d) => d.severity === 0)).toBe(true);
  });
});
