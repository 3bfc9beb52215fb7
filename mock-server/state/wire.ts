import type { AgentRecord, ChannelRecord, MessageRecord, ServerRecord } from './records.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Removes keys whose value is undefined, as JSON serialisation would. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function agentSummary(a: AgentRecord) {
  return { id: a.id, name: a.name, characterName: a.name, bio: a.bio[0] ?? '', status: a.status };
}

/** The columns of an agent row that 1.7.2 fills with empty defaults when the character leaves them out. */
const AGENT_ROW_DEFAULTS = { adjectives: [], knowledge: [], messageExamples: [], postExamples: [], topics: [], style: {}, server_id: null };

export function agentDetail(a: AgentRecord) {
  return compact({
    ...AGENT_ROW_DEFAULTS,
    ...a.extra,
    id: a.id,
    name: a.name,
    username: a.username,
    bio: a.bio,
    system: a.system,
    plugins: a.plugins,
    settings: a.settings,
    enabled: a.enabled,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    status: a.status,
  });
}

export function character(a: AgentRecord) {
  return compact({ ...a.extra, id: a.id, name: a.name, username: a.username, bio: a.bio, system: a.system, plugins: a.plugins, settings: a.settings });
}

export function messageServer(s: ServerRecord) {
  return compact({ id: s.id, name: s.name, sourceType: s.sourceType, sourceId: s.sourceId, metadata: s.metadata, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) });
}

export function channel(c: ChannelRecord) {
  return compact({
    id: c.id,
    messageServerId: c.messageServerId,
    name: c.name,
    type: c.type,
    sourceType: c.sourceType,
    sourceId: c.sourceId,
    topic: c.topic,
    metadata: c.metadata,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  });
}

/** A stored message as plugin-sql returns it (CentralMessage). */
export function centralMessage(m: MessageRecord) {
  return compact({
    id: m.id,
    channelId: m.channelId,
    authorId: m.authorId,
    content: m.content,
    rawMessage: m.rawMessage,
    sourceType: m.sourceType,
    sourceId: m.sourceId,
    metadata: m.metadata,
    inReplyToRootMessageId: m.inReplyToRootMessageId,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  });
}

/** A message as `GET /channels/:id/messages` returns it. */
export function guiMessage(m: MessageRecord) {
  const raw = (m.rawMessage ?? {}) as Record<string, unknown>;
  const metadata = compact({ ...m.metadata, thought: raw.thought, actions: raw.actions, attachments: raw.attachments ?? m.metadata.attachments });
  return { ...centralMessage(m), metadata, created_at: m.createdAt, updated_at: m.updatedAt };
}

/** The bus shape (snake_case) returned as `userMessage`. */
export function busMessage(m: MessageRecord, messageServerId: string) {
  return compact({
    id: m.id,
    channel_id: m.channelId,
    message_server_id: messageServerId,
    author_id: m.authorId,
    content: m.content,
    created_at: m.createdAt,
    source_type: m.sourceType,
    raw_message: m.rawMessage,
    metadata: m.metadata,
    author_display_name: m.authorDisplayName,
    in_reply_to_message_id: m.inReplyToRootMessageId,
    source_id: m.sourceId,
  });
}
