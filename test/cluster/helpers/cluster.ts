import { spawn, type ChildProcess } from 'node:child_process';

const bin = new URL('../../../bin/eliza-wire.ts', import.meta.url).pathname;

/** A `--cluster` mock running as a real process. */
export interface StartedCluster {
  child: ChildProcess;
  url: string;
  workers: { id: number; pid: number }[];
  /** Everything the process printed so far. */
  output: () => string;
}

/** `eliza-wire mock --cluster <n> --json` as a real process, resolved at its ready line. */
export function startCluster(n: number): Promise<StartedCluster> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'mock', '--cluster', String(n), '--port', '0', '--json', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { url: string; workers: StartedCluster['workers'] };
      resolve({ child, url: ready.url, workers: ready.workers, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
}
