// Real `eliza-wire` processes for the bench tests: spawned in a process group of their own (so that a test can signal
// the group as a terminal's Ctrl-C does), with their process tree read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/eliza-wire.ts', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or 128 + signal number when killed). */
  exited: Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts `eliza-wire <args…>` through tsx as the leader of a new process group. */
export function spawnCli(args: string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0))));
  if (child.pid === undefined) throw new Error('spawn failed');
  return { child, pid: child.pid, stdout: () => out, stderr: () => err, exited };
}

function parentOf(pid: string): number | undefined {
  try {
    // the command name is in parentheses and may hold spaces: the fields after the last ')' are fixed
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every process below `pid`, read from /proc (what the system sees, not what the process says). */
export function descendants(pid: number): number[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parents = new Map(all.map((d) => [Number(d), parentOf(d)]));
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = [...parents].filter(([, parent]) => parent !== undefined && frontier.includes(parent)).map(([child]) => child);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** Whether `pid` still runs (a zombie waiting to be reaped counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls until `test()` holds; throws with `what` after `timeoutMs`. */
export async function waitFor(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the processes to be gone (reaping by init may take a moment); returns those still alive. */
export async function survivors(pids: number[], graceMs = 3000): Promise<number[]> {
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}
