import type { RequestHandler } from 'express';
import { Uuid } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { isRelease } from '../../spec/profiles.js';

/**
 * 1.7.2's plugin route handler checks `?agentId=` on every /api path before the real route runs, when at least one
 * agent is running: 400 INVALID_AGENT_ID for a non-UUID, 404 AGENT_NOT_FOUND for one that is not running (E8).
 */
export function agentIdQuery(getCtx: () => MockContext): RequestHandler {
  return (req, res, next) => {
    const ctx = getCtx();
    const agentId = req.query.agentId;
    if (!isRelease(ctx.profile) || typeof agentId !== 'string' || ctx.state.runningAgents().length === 0) return next();
    if (!Uuid.safeParse(agentId).success) {
      res.status(400).json({ success: false, error: { message: 'Invalid agent ID format', code: 'INVALID_AGENT_ID' } });
      return;
    }
    if (ctx.state.agents.get(agentId)?.status !== 'active') {
      res.status(404).json({ success: false, error: { message: 'Agent not found', code: 'AGENT_NOT_FOUND' } });
      return;
    }
    next();
  };
}
