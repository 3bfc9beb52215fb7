import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program a test needs from the machine (redis-server, chromium), found by an env override or on PATH. */
export interface Service {
  name: string;
  /** The executable's path, or undefined when it is not installed. */
  path: string | undefined;
  /** One line naming what to install, when missing. */
  missing: string | undefined;
}

export const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Looks a service up: `env` (when set) names its path exactly, else the first of `commands` on PATH.
 * `install` is the command that brings it (`apt-get install -y redis-server`).
 */
export function findService(name: string, options: { env: string; commands: string[]; install: string }): Service {
  const override = process.env[options.env];
  const path = override !== undefined ? (executable(override) ? override : undefined) : options.commands.map(onPath).find(Boolean);
  const where = override !== undefined ? `at ${options.env}=${override}` : 'on PATH';
  const missing = path ? undefined : `${name} not found ${where}: install it (${options.install}) or set ${options.env}`;
  return { name, path, missing };
}

const warned = new Set<string>();

/**
 * True when the service is there. Without it: under CI=true this throws (the suite fails, since .ci/run installs it);
 * elsewhere it prints one line naming what to install, once per service, and returns false so the caller skips.
 * Use with `describe.runIf(needService(REDIS))(...)` or `ctx.skip()`.
 */
export function needService(service: Service): boolean {
  if (!service.missing) return true;
  if (inCi) throw new Error(`${service.missing} (CI is set, so this fails instead of skipping)`);
  if (!warned.has(service.name)) process.stderr.write(`tests skipped: ${service.missing}\n`);
  warned.add(service.name);
  return false;
}

export const REDIS = findService('redis-server', { env: 'REDIS_SERVER', commands: ['redis-server'], install: 'apt-get install -y redis-server' });
export const CHROMIUM_SERVICE = findService('chromium', { env: 'CHROMIUM_PATH', commands: ['chromium', 'chromium-browser'], install: 'apt-get install -y chromium' });
