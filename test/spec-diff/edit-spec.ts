import { z } from 'zod';
import { currentSpec, type HandshakeData, type SpecData } from '../../spec/diff/index.js';
import type { Flow } from '../../spec/flows/flow.js';
import type { RestOperation, ResponseVariant } from '../../spec/rest/operation.js';
import type { SocketEvent } from '../../spec/socket/event.js';

/** A copy of this package's spec with one REST operation replaced (the others shared, unchanged). */
export function withOperation(id: string, edit: (op: RestOperation) => RestOperation | undefined): SpecData {
  const spec = currentSpec();
  if (!spec.restOperations.some((op) => op.id === id)) throw new Error(`no REST operation ${id} in the spec`);
  const restOperations = spec.restOperations.flatMap((op) => (op.id === id ? [edit(op)].filter((o) => o !== undefined) : [op]));
  return { ...spec, restOperations };
}

/** The operation with the response variant of `status` in profile `elizaos-1.7` given another schema. */
export function withResponseSchema(id: string, status: number, edit: (schema: z.ZodObject) => z.ZodType): SpecData {
  return withOperation(id, (op) => ({
    ...op,
    responses: op.responses.map((v): ResponseVariant => (v.status === status && v.profiles['elizaos-1.7'] && v.schema ? { ...v, schema: edit(asObject(v.schema)) } : v)),
  }));
}

/** The operation with its request body schema edited. */
export function withBodySchema(id: string, edit: (schema: z.ZodObject) => z.ZodType): SpecData {
  return withOperation(id, (op) => {
    if (!op.body) throw new Error(`${id} has no request body`);
    return { ...op, body: { ...op.body, schema: edit(asObject(op.body.schema)) } };
  });
}

/** A copy with one socket event's elizaos-1.7 payload schema edited. */
export function withEventSchema(id: string, edit: (schema: z.ZodObject) => z.ZodType): SpecData {
  const spec = currentSpec();
  const socketEvents = spec.socketEvents.map((e): SocketEvent => {
    const schema = e.schemas['elizaos-1.7'];
    return e.id === id && schema ? { ...e, schemas: { ...e.schemas, 'elizaos-1.7': edit(asObject(schema)) } } : e;
  });
  return { ...spec, socketEvents };
}

/** A copy with one flow replaced. */
export function withFlow(id: string, edit: (flow: Flow) => Flow): SpecData {
  const spec = currentSpec();
  return { ...spec, flows: spec.flows.map((f) => (f.id === id ? edit(f) : f)) };
}

/** A copy with the handshake edited. */
export function withHandshake(edit: (handshake: HandshakeData) => HandshakeData): SpecData {
  const spec = currentSpec();
  return { ...spec, handshake: edit(spec.handshake) };
}

function asObject(schema: z.ZodType): z.ZodObject {
  if (!(schema instanceof z.ZodObject)) throw new Error('the test edits an object schema; pick another entry');
  return schema;
}
