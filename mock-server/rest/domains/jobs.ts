import { agentTurn } from '../../agent/runner.js';
import type { MockContext } from '../../context.js';
import { createChannel, storeMessage } from '../../engine/messages.js';
import type { AgentRecord, ChannelRecord, JobRecord, MessageRecord } from '../../state/records.js';
import { compact } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler, type HandlerResult, type RequestContext } from '../result.js';
import { bodyOf, isResult, isUuid, queryString } from './helpers.js';

type Dict = Record<string, unknown>;
type Status = JobRecord['status'];

/** 1.7.2's job limits (reference §3.3.5). */
const JOB_LIMITS = { maxJobs: 10_000, maxContent: 50_000, maxMetadata: 10_000, minTimeout: 1000, maxTimeout: 300_000, defaultTimeout: 30_000 } as const;
const STATUSES: readonly Status[] = ['pending', 'processing', 'completed', 'failed', 'timeout'];
const TIMED_OUT = 'Job timed out waiting for agent response';

/** A jobs error (1.7.2: `{success:false, error:<message>}`). */
function jobError(code: 'VALIDATION_ERROR' | 'NOT_FOUND', message: string): HandlerResult {
  return fail(code, message);
}

/** The first problem of the body's shape, in 1.7.2's order (agentId type, userId type, content). */
function shapeProblem(body: Dict): string | undefined {
  if (body.agentId !== undefined && typeof body.agentId !== 'string') return 'agentId must be a valid UUID string';
  if (typeof body.userId !== 'string') return 'userId is required and must be a valid UUID string';
  if (typeof body.content !== 'string') return 'content is required and must be a string';
  if (body.content.length === 0) return 'content cannot be empty';
  if (body.content.length > JOB_LIMITS.maxContent) return `content exceeds maximum length of ${JOB_LIMITS.maxContent} characters`;
  return undefined;
}

/** Metadata and timeoutMs problems, then the userId format. */
function optionsProblem(body: Dict): string | undefined {
  const { metadata, timeoutMs } = body;
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null) return 'metadata must be an object';
    if (JSON.stringify(metadata).length > JOB_LIMITS.maxMetadata) return `metadata exceeds maximum size of ${JOB_LIMITS.maxMetadata} bytes`;
  }
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number' || timeoutMs < 0) return 'timeoutMs must be a positive number';
    if (timeoutMs < JOB_LIMITS.minTimeout) return `timeoutMs must be at least ${JOB_LIMITS.minTimeout}ms`;
    if (timeoutMs > JOB_LIMITS.maxTimeout) return `timeoutMs cannot exceed ${JOB_LIMITS.maxTimeout}ms`;
  }
  if (!isUuid(body.userId)) return 'Invalid userId format (must be valid UUID)';
  return undefined;
}

/** The named running agent, or the first running one when none is named. */
function pickAgent(req: RequestContext, agentId: unknown): AgentRecord | HandlerResult {
  const running = req.mock.state.runningAgents();
  if (!agentId) return running[0] ?? jobError('NOT_FOUND', 'No agents available on server');
  if (!isUuid(agentId)) return jobError('VALIDATION_ERROR', 'Invalid agentId format (must be valid UUID)');
  return running.find((a) => a.id === agentId) ?? jobError('NOT_FOUND', `Agent ${agentId} not found`);
}

/** Drops the oldest tenth of the jobs once the store is full. */
function makeRoom(jobs: Map<string, JobRecord>): void {
  if (jobs.size < JOB_LIMITS.maxJobs) return;
  const oldest = [...jobs.values()].sort((a, b) => a.createdAt - b.createdAt).slice(0, JOB_LIMITS.maxJobs / 10);
  for (const job of oldest) jobs.delete(job.jobId);
}

/** documented: the agent's reply completes the job (unless it came too late or never). */
async function awaitReply(ctx: MockContext, job: JobRecord, channel: ChannelRecord, message: MessageRecord): Promise<void> {
  try {
    const [first] = await agentTurn(ctx, channel, message, { emit: false });
    const now = ctx.clock.now();
    if (!first || job.status !== 'processing' || job.expiresAt < now) return;
    const { reply } = first;
    job.status = 'completed';
    job.result = {
      message: { id: reply.id, content: reply.content, authorId: reply.authorId, createdAt: reply.createdAt, metadata: reply.metadata },
      processingTimeMs: Math.max(0, now - job.createdAt),
    };
  } catch (error) {
    job.status = 'failed';
    job.error = error instanceof Error ? error.message : String(error);
  }
}

/**
 * The job, its DM channel `job-<id>` and the prompt message. elizaos-1.7: the agent answers in the channel, but the
 * reply never reaches the job (1.7.2 listens on the bus, which /submit does not publish to), so it never completes.
 */
function startJob(ctx: MockContext, agent: AgentRecord, body: Dict): JobRecord {
  const now = ctx.clock.now();
  const jobId = ctx.state.ids.uuid();
  const userId = String(body.userId);
  const content = String(body.content);
  const metadata = (body.metadata as Dict | undefined) ?? {};
  const timeoutMs = typeof body.timeoutMs === 'number' ? body.timeoutMs : JOB_LIMITS.defaultTimeout;
  const channel = createChannel(ctx, {
    messageServerId: ctx.state.messageServerId,
    name: `job-${jobId}`,
    type: 'DM',
    participants: [userId, agent.id],
    metadata: { jobId, agentId: agent.id, userId, isJobChannel: true, ...metadata },
  });
  const job: JobRecord = { jobId, status: 'processing', agentId: agent.id, userId, prompt: content, channelId: channel.id, createdAt: now, expiresAt: now + timeoutMs, metadata };
  makeRoom(ctx.state.jobs);
  ctx.state.jobs.set(jobId, job);
  const message = storeMessage(ctx, { channelId: channel.id, authorId: userId, content, sourceType: 'job_request', rawMessage: { content }, metadata: { jobId, isJobMessage: true, ...metadata } });
  if (ctx.profile === 'documented') void awaitReply(ctx, job, channel, message);
  else agentTurn(ctx, channel, message, { emit: true }).catch((error: unknown) => ctx.logger.log('error', `job agent turn failed: ${String(error)}`));
  return job;
}

const create: Handler = (req) => {
  const body = bodyOf(req);
  const problem = shapeProblem(body) ?? optionsProblem(body);
  if (problem) return jobError('VALIDATION_ERROR', problem);
  const agent = pickAgent(req, body.agentId);
  if (isResult(agent)) return agent;
  const job = startJob(req.mock, agent, body);
  return ok({ jobId: job.jobId, status: job.status, createdAt: job.createdAt, expiresAt: job.expiresAt }, { status: 201 });
};

/** A processing job past its expiry is reported as timed out (applied lazily, as 1.7.2 does on GET). */
function settle(job: JobRecord, now: number): JobRecord {
  if (job.status === 'processing' && job.expiresAt < now) {
    job.status = 'timeout';
    job.error = TIMED_OUT;
  }
  return job;
}

function details(job: JobRecord) {
  const { jobId, status, agentId, userId, prompt, createdAt, expiresAt, result, error, metadata } = job;
  return compact({ jobId, status, agentId, userId, prompt, createdAt, expiresAt, result, error, metadata });
}

function settledJobs(req: RequestContext): JobRecord[] {
  const now = req.mock.clock.now();
  return [...req.mock.state.jobs.values()].map((job) => settle(job, now));
}

function metricsOf(jobs: JobRecord[], counts: Record<Status, number>) {
  const finished = counts.completed + counts.failed + counts.timeout;
  const totalMs = jobs.reduce((sum, job) => sum + (job.result?.processingTimeMs ?? 0), 0);
  const rate = (n: number) => (finished > 0 ? Math.round((n / finished) * 100) / 100 : 0);
  return {
    averageProcessingTimeMs: counts.completed > 0 ? Math.round(totalMs / counts.completed) : 0,
    successRate: rate(counts.completed),
    failureRate: rate(counts.failed),
    timeoutRate: rate(counts.timeout),
  };
}

const health: Handler = (req) => {
  const jobs = settledJobs(req);
  const statusCounts: Record<Status, number> = { pending: 0, processing: 0, completed: 0, failed: 0, timeout: 0 };
  for (const job of jobs) statusCounts[job.status] += 1;
  return ok({ healthy: true, timestamp: req.mock.clock.now(), totalJobs: jobs.length, statusCounts, metrics: metricsOf(jobs, statusCounts), maxJobs: JOB_LIMITS.maxJobs });
};

const list: Handler = (req) => {
  const limit = parseInt(queryString(req, 'limit') ?? '', 10);
  const status = STATUSES.find((s) => s === queryString(req, 'status'));
  const all = settledJobs(req);
  const jobs = all
    .filter((job) => !status || job.status === status)
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit > 0 ? limit : 50);
  return ok({ jobs: jobs.map(details), total: all.length, filtered: jobs.length });
};

const get: Handler = (req) => {
  const job = req.mock.state.jobs.get(req.params.jobId ?? '');
  if (!job) return jobError('NOT_FOUND', 'Job not found');
  return ok(details(settle(job, req.mock.clock.now())));
};

export const jobHandlers = {
  'messaging.jobs.create': create,
  'messaging.jobs.health': health,
  'messaging.jobs.list': list,
  'messaging.jobs.get': get,
} satisfies Partial<HandlerMap>;
