import type { MockContext } from '../context.js';
import { errorLine } from '../errors.js';
import { payloadProblem, type PayloadProblem } from '../limits.js';
import type { PeerSocket } from './peer.js';

/** Diagnostic codes of refused input and failed handlers (reported through `ctx.diagnostics`, like the others). */
export const GUARD_DIAGNOSTICS = {
  payloadTooDeep: 'payload-too-deep',
  binaryNotAccepted: 'binary-not-accepted',
  handlerError: 'handler-error',
  connectionError: 'connection-error',
} as const;

/** A value as a short text for a message: at most `max` characters, so a hostile name cannot flood the log. */
export function shown(value: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** Sends `messageError` in the profile's shape; a failure to send is logged, never thrown. */
export function messageError(ctx: MockContext, socket: PeerSocket, error: string, code: string): void {
  try {
    ctx.hub.toSocket(socket, 'messageError', ctx.profile === 'documented' ? { error, code } : { error });
  } catch (e) {
    ctx.logger.log('error', `could not send messageError to socket ${socket.id}: ${errorLine(e)}`);
  }
}

/** The first problem of a client event's arguments (depth, binary), checked before any handler runs. */
export function argumentsProblem(ctx: MockContext, args: unknown[]): PayloadProblem | undefined {
  for (const arg of args) {
    const problem = payloadProblem(arg, { maxDepth: ctx.options.maxPayloadDepth, binary: 'refuse' });
    if (problem) return problem;
  }
  return undefined;
}

/** Refuses a client event: a diagnostic, and a `messageError` to that socket only. */
export function refuse(ctx: MockContext, socket: PeerSocket, event: string, problem: PayloadProblem): void {
  const code = problem.code === 'PAYLOAD_TOO_DEEP' ? GUARD_DIAGNOSTICS.payloadTooDeep : GUARD_DIAGNOSTICS.binaryNotAccepted;
  ctx.diagnostics.report(code, `'${shown(event, 40)}' refused: ${problem.message}`, socket.id);
  messageError(ctx, socket, `'${shown(event, 40)}' refused: ${problem.message}`, problem.code);
}

function failed(ctx: MockContext, socket: PeerSocket, event: string, error: unknown): void {
  try {
    ctx.diagnostics.report(GUARD_DIAGNOSTICS.handlerError, `handling '${shown(event, 40)}' failed: ${errorLine(error)}`, socket.id);
  } catch (e) {
    ctx.logger.log('error', `handling '${shown(event, 40)}' failed: ${errorLine(error)} (and reporting it: ${errorLine(e)})`);
  }
  messageError(ctx, socket, `The mock could not handle '${shown(event, 40)}': ${errorLine(error)}`, 'INTERNAL_ERROR');
}

/**
 * Runs one handler of a client event so that nothing it does can stop the mock: a synchronous throw and an async
 * rejection both become a `handler-error` diagnostic and a `messageError` to that socket.
 */
export function guarded(ctx: MockContext, socket: PeerSocket, event: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise) result.catch((error: unknown) => failed(ctx, socket, event, error));
  } catch (error) {
    failed(ctx, socket, event, error);
  }
}
