import { NIL_UUID } from '../../spec/index.js';
import { IdSource } from './ids.js';
import { MessageStore, type ChannelPage } from './message-store.js';
import { BoundedMap, DEFAULT_RETENTION, type Retention } from './retention.js';
import type {
  AgentRecord,
  ChannelRecord,
  JobRecord,
  LogRecord,
  MediaRecord,
  MemoryRecord,
  MessageRecord,
  RoomRecord,
  RunRecord,
  ServerRecord,
  SessionRecord,
  WorldRecord,
} from './records.js';

/** Names of generated agents; the seed picks the order. */
const NAMES = ['Ada', 'Basil', 'Cleo', 'Dara', 'Eli', 'Fern', 'Gus', 'Hana', 'Ivo', 'June', 'Kai', 'Lena', 'Milo', 'Nia', 'Otto', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tove'];

/** The default agent: a fixed id and name, so clients can hard-code it. */
export const DEFAULT_AGENT = { id: 'e11a0000-0000-4000-8000-000000000001', name: 'Eliza' } as const;

export interface StateOptions {
  seed: number;
  /** Extra agents generated from the seed, besides the default one. */
  agents: number;
  now: number;
  /** Upper bound of stored media bytes; the oldest files are dropped past it. */
  maxMediaBytes: number;
  /** How many messages, channels, memories, runs and logs are kept (oldest dropped first). Default `DEFAULT_RETENTION`. */
  retention?: Partial<Retention>;
}

/** Everything the mock remembers. `createState` builds the seeded starting point that `reset()` returns to. */
export class MockState {
  readonly agents = new Map<string, AgentRecord>();
  readonly servers = new Map<string, ServerRecord>();
  /** Bounded (`retention`), each a Map as before: the bounds and the messages' per-channel index sit behind it. */
  readonly messages: MessageStore;
  readonly channels: BoundedMap<ChannelRecord>;
  readonly memories: BoundedMap<MemoryRecord>;
  readonly rooms = new Map<string, RoomRecord>();
  readonly worlds = new Map<string, WorldRecord>();
  readonly logs: BoundedMap<LogRecord>;
  readonly runs: BoundedMap<RunRecord>;
  readonly sessions = new Map<string, SessionRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly media = new Map<string, MediaRecord>();
  /** The current message server. */
  readonly messageServerId = NIL_UUID;
  readonly ids: IdSource;
  readonly startedAt: number;
  /** The bounds in force. */
  readonly retention: Readonly<Retention>;
  private mediaBytes = 0;

  constructor(readonly options: StateOptions) {
    this.ids = new IdSource(options.seed);
    this.startedAt = options.now;
    const given = Object.entries(options.retention ?? {}).filter(([, v]) => v !== undefined);
    const r = (this.retention = { ...DEFAULT_RETENTION, ...(Object.fromEntries(given) as Partial<Retention>) });
    this.messages = new MessageStore(r.messages, r.messagesPerChannel);
    // A channel that goes takes its messages along: nobody can read them any more.
    this.channels = new BoundedMap<ChannelRecord>(r.channels, (id) => this.messages.deleteChannel(id));
    this.memories = new BoundedMap<MemoryRecord>(r.memories);
    this.logs = new BoundedMap<LogRecord>(r.logs);
    this.runs = new BoundedMap<RunRecord>(r.runs);
  }

  /** All of a channel's messages, newest first (first stored first within one millisecond). */
  channelMessages(channelId: string): MessageRecord[] {
    return this.messages.page(channelId);
  }

  /**
   * A page of a channel's messages, newest first: at most `limit`, created before `before`. Costs the same at 100
   * and at 100,000 stored messages (the per-channel index), unlike filtering `channelMessages`.
   */
  channelPage(channelId: string, page: ChannelPage): MessageRecord[] {
    return this.messages.page(channelId, page);
  }

  runningAgents(): AgentRecord[] {
    return [...this.agents.values()].filter((a) => a.status === 'active');
  }

  /** Stores an upload, dropping the oldest ones when the byte budget is exceeded. */
  putMedia(record: MediaRecord): void {
    this.media.set(record.url, record);
    this.mediaBytes += record.size;
    for (const [url, old] of this.media) {
      if (this.mediaBytes <= this.options.maxMediaBytes || url === record.url) break;
      this.media.delete(url);
      this.mediaBytes -= old.size;
    }
  }

  /** A snapshot of the counts, for tests and `/__mock/state`. */
  summary(): Record<string, number> {
    return Object.fromEntries(
      (['agents', 'servers', 'channels', 'messages', 'memories', 'rooms', 'worlds', 'logs', 'runs', 'sessions', 'jobs', 'media'] as const).map((k) => [k, this[k].size]),
    );
  }
}

function agent(id: string, name: string, bio: string, now: number): AgentRecord {
  return {
    id,
    name,
    username: name.toLowerCase().replace(/\W+/g, '_'),
    bio: [bio],
    plugins: [],
    settings: {},
    enabled: true,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    extra: {},
  };
}

/** The seeded state: the default agent, `agents` generated ones, the default message server with all of them. */
export function createState(options: StateOptions): MockState {
  const state = new MockState(options);
  const all = [agent(DEFAULT_AGENT.id, DEFAULT_AGENT.name, 'An echo agent of the eliza-wire mock server.', options.now)];
  const offset = Math.floor(state.ids.random() * NAMES.length);
  for (let i = 0; i < options.agents; i += 1) {
    const name = `${NAMES[(offset + i) % NAMES.length] ?? 'Agent'}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`;
    all.push(agent(state.ids.uuid(), name, `A generated agent (seed ${options.seed}, #${i + 1}).`, options.now));
  }
  for (const a of all) state.agents.set(a.id, a);
  state.servers.set(NIL_UUID, {
    id: NIL_UUID,
    name: 'Default Server',
    sourceType: 'eliza_default',
    createdAt: options.now,
    updatedAt: options.now,
    agents: new Set(all.map((a) => a.id)),
  });
  return state;
}
