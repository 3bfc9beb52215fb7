import express, { type Router } from 'express';
import type { MockContext } from '../context.js';
import type { FaultConfig } from '../faults.js';

/**
 * `/__mock/*`: inspect and steer the mock at run time.
 * - `GET /__mock/diagnostics` (always open, no `--control` needed): the client mistakes seen so far, rate-limited
 *   and counted (`{ diagnostics: [{code, message, socketId?, time, count, lastTime, details?}], total }`);
 *
 * The rest only with `control: true` (`eliza-wire mock --control`); without it they answer 403 saying so:
 * - `DELETE /__mock/diagnostics`: clear the list;
 * - `GET /__mock/state`: counts of what the mock holds;
 * - `GET|PUT|DELETE /__mock/faults`: read, merge or clear faults (`{latency:{min,max}, errorRate, events:{name:{delayMs,drop,duplicate}}}`);
 * - `POST /__mock/disconnect` `{socketId?}`: force-disconnect one socket, or all;
 * - `POST /__mock/reset`: back to the seeded state.
 */
export function controlRouter(getCtx: () => MockContext, reset?: () => void): Router {
  const router = express.Router();
  router.get('/diagnostics', (_req, res) => {
    const { diagnostics } = getCtx();
    res.json({ diagnostics: diagnostics.all(), total: diagnostics.total() });
  });
  router.use((req, res, next) => {
    if (getCtx().options.control) return next();
    res.status(403).json({ error: `${req.method} /__mock${req.path} is a control route: start the mock with --control (eliza-wire mock --control, or createMockServer({ control: true })). GET /__mock/diagnostics is open without it.` });
  });
  router.delete('/diagnostics', (_req, res) => {
    getCtx().diagnostics.clear();
    res.status(204).end();
  });
  router.get('/state', (_req, res) => {
    res.json({ profile: getCtx().profile, counts: getCtx().state.summary() });
  });
  router.get('/faults', (_req, res) => {
    res.json(getCtx().faults.config);
  });
  router.put('/faults', (req, res) => {
    getCtx().faults.set((req.body ?? {}) as FaultConfig);
    res.json(getCtx().faults.config);
  });
  router.delete('/faults', (_req, res) => {
    getCtx().faults.clear();
    res.status(204).end();
  });
  router.post('/disconnect', (req, res) => {
    const io = getCtx().hub.io;
    const socketId = (req.body as { socketId?: string } | undefined)?.socketId;
    const sockets = [...(io?.sockets.sockets.values() ?? [])].filter((s) => !socketId || s.id === socketId);
    for (const socket of sockets) socket.disconnect(true);
    res.json({ disconnected: sockets.length });
  });
  router.post('/reset', (_req, res) => {
    reset?.();
    res.status(204).end();
  });
  return router;
}
