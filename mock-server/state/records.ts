import type { z } from 'zod';
import type { ChannelType, RunEvent, RunSummary, TimeoutConfig } from '../../spec/index.js';

type Dict = Record<string, unknown>;
type ChannelKind = z.output<typeof ChannelType>;

export interface AgentRecord {
  id: string;
  name: string;
  username: string;
  bio: string[];
  system?: string;
  plugins: string[];
  settings: Dict;
  enabled: boolean;
  status: 'active' | 'inactive';
  createdAt: number;
  updatedAt: number;
  /** Other character fields, kept as given. */
  extra: Dict;
}

export interface ServerRecord {
  id: string;
  name: string;
  sourceType: string;
  sourceId?: string;
  metadata?: Dict;
  createdAt: number;
  updatedAt: number;
  agents: Set<string>;
}

export interface ChannelRecord {
  id: string;
  messageServerId: string;
  name: string;
  type: ChannelKind;
  sourceType?: string;
  sourceId?: string;
  topic?: string;
  metadata: Dict;
  participants: string[];
  createdAt: number;
  updatedAt: number;
}

export interface MessageRecord {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  rawMessage?: unknown;
  sourceType: string;
  sourceId?: string;
  metadata: Dict;
  inReplyToRootMessageId?: string;
  authorDisplayName?: string;
  createdAt: number;
  updatedAt: number;
}

export interface MemoryRecord {
  id: string;
  entityId: string;
  agentId: string;
  roomId: string;
  worldId?: string;
  content: Dict & { text?: string };
  embedding?: number[];
  createdAt: number;
  metadata?: Dict;
  table: string;
}

export interface RoomRecord {
  id: string;
  name: string;
  agentId: string;
  source: string;
  type: ChannelKind;
  channelId?: string;
  messageServerId?: string;
  worldId: string;
  metadata?: Dict;
  createdAt: number;
}

export interface WorldRecord {
  id: string;
  name: string;
  agentId: string;
  messageServerId?: string;
  metadata: Dict;
  createdAt: number;
}

export interface LogRecord {
  id: string;
  agentId: string;
  entityId: string;
  roomId?: string;
  body: Dict;
  type: string;
  createdAt: number;
}

export interface RunRecord {
  agentId: string;
  summary: z.output<typeof RunSummary>;
  events: z.output<typeof RunEvent>[];
}

export interface SessionRecord {
  sessionId: string;
  channelId: string;
  agentId: string;
  userId: string;
  createdAt: number;
  lastActivity: number;
  metadata: Dict;
  expiresAt: number;
  timeoutConfig: z.output<typeof TimeoutConfig>;
  renewalCount: number;
}

export interface JobRecord {
  jobId: string;
  status: 'pending' | 'processing' | 'completed' | 'failed' | 'timeout';
  agentId: string;
  userId: string;
  prompt: string;
  channelId: string;
  createdAt: number;
  expiresAt: number;
  result?: { message: { id: string; content: string; authorId: string; createdAt: number; metadata?: Dict }; processingTimeMs: number };
  error?: string;
  metadata: Dict;
}

export interface MediaRecord {
  url: string;
  bytes: Uint8Array;
  contentType: string;
  size: number;
}
