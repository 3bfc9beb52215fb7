/**
 * eliza-wire/spec: the ElizaOS client–server protocol as data. REST operations, Socket.IO events and flows,
 * each with its profiles and levels; the envelopes and shapes as zod schemas; generators for OpenAPI 3.1,
 * AsyncAPI 3.0 and JSON Schema; typed Socket.IO event maps; deterministic fixtures.
 */
export {
  PROFILES, PROFILE_TABLE, RELEASE_PROFILES, LEVELS, DEFAULT_PROFILE, isProfile, isLevel, isSelected, isRelease, levelIn, inherited, lineage, parentOf,
  profileInfo,
} from './profiles.js';
export type { Profile, ReleaseProfile, ProfileInfo, Level, Profiles, ParentOf, InheritedKey } from './profiles.js';

export { restOperations } from './rest/index.js';
export { defineOperation, multipartFile, statusText, errorRef, overlayIn } from './rest/define.js';
export type { OperationInput, SuccessInput, ErrorInput, Style, ReleaseOverlay, ReleaseOverlays } from './rest/define.js';
export { REST_DOMAINS, openApiPath, pathParamNames } from './rest/operation.js';
export type { RestOperation, ResponseVariant, RequestBody, HttpMethod, RestDomain, AliasOperationId } from './rest/operation.js';
export type { operations as OperationTypes } from './generated/types.elizaos-1.7.js';
import type { RestOperationId } from './rest/index.js';
import type { AliasOperationId as Alias } from './rest/operation.js';
/** The id of every REST operation, from the spec data (no `npm run generate` needed for a new one). */
export type { RestOperationId };
/** The id of every operation an implementation must handle itself (aliases re-dispatch). */
export type PrimaryOperationId = Exclude<RestOperationId, Alias>;
export { UNKNOWN_API_ROUTE, CONVENTION_REFS } from './rest/conventions.js';
export { ALLOWED_AUDIO, ALLOWED_MEDIA, MAX_UPLOAD_BYTES } from './rest/audio-media.js';

export { socketEvents } from './socket/index.js';
export { clientEvents, SOCKET_MESSAGE_TYPE, REAL_MESSAGE_ERRORS } from './socket/client-events.js';
export { serverEvents } from './socket/server-events.js';
export { handshake } from './socket/handshake.js';
export { defineSocketEvent, schemaIn } from './socket/event.js';
export type { SocketEvent, Direction, Recipients, SocketErrorSpec } from './socket/event.js';
export type { ClientToServerEvents, ServerToClientEvents, ServerPayload, ClientPayload, ClientEventId, ServerEventId } from './socket/event-maps.js';
export * as payloads from './socket/payloads.js';

export { flows } from './flows/index.js';
export { flowIn } from './flows/flow.js';
export type { Flow, FlowStep, FlowAction, Expectation, ActorExpectations, Quantity } from './flows/flow.js';
export { evaluateStep, readPath } from './flows/evaluate.js';
export type { ObservedEvent, FlowScope, FlowFinding } from './flows/evaluate.js';

export * as envelopes from './schemas/envelopes.js';
export { Uuid, NIL_UUID, EpochMs, IsoDateTime, ChannelType, Metadata } from './schemas/primitives.js';
export { AgentSummary, Agent, AgentWithStatus, Character, World, Log, RunSummary, RunEvent, Panel } from './schemas/agents.js';
export { MessageServer, Channel, CentralMessage, GuiMessage, BusMessage, Content, Media, UploadedMedia } from './schemas/messaging.js';
export { Memory, Room, CreatedRoom } from './schemas/memory.js';
export { SessionInfo, SessionCreated, TimeoutConfig } from './schemas/sessions.js';
export { JobDetails, JobCreated, JobStatus } from './schemas/jobs.js';

export { toOpenApi } from './generate/openapi.js';
export { toAsyncApi } from './generate/asyncapi.js';
export { toJsonSchema } from './generate/json-schema.js';
export { PROTOCOL_VERSION } from './generate/meta.js';


export { schemaIssues, nearestVariantIssues } from './validate.js';
export { listSpec, countSpec, formatSpecList } from './list.js';
export type { SpecListEntry, SpecCounts } from './list.js';
