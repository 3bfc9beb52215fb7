import { spawn, type ChildProcess } from 'node:child_process';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;

/** A real `eliza-wire` process: its output so far, when a pattern first showed up, and its end. */
export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with performance.now() when stdout (or stderr) first matches. */
  seen: (pattern: RegExp, timeoutMs?: number) => Promise<number>;
  /** Resolves when the process exits: its code, signal, and performance.now() at exit. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const running: ChildProcess[] = [];

/** Starts `eliza-wire <args…>` as a child process (tsx, from source). */
export function startCli(args: string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (at: number) => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) {
      if (w.pattern.test(out) || w.pattern.test(err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now());
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const seen = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<number>((resolve, reject) => {
      if (pattern.test(out) || pattern.test(err)) return resolve(performance.now());
      const timer = setTimeout(() => reject(new Error(`${pattern} not seen in ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
      waiters.push({ pattern, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      void exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}; stdout:\n${out}\nstderr:\n${err}`)), 50));
    });
  return { child, stdout: () => out, stderr: () => err, seen, exited };
}

/** Kills every process `startCli` started that is still running (afterEach). */
export function killAll(): void {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
