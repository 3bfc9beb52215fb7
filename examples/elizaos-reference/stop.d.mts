/** SIGTERM, then SIGKILL after `graceMs` (default 8000). Only `pid` is signalled. */
export function stopReference(pid: number, options?: { graceMs?: number }): Promise<'terminated' | 'killed' | 'not-running'>;
