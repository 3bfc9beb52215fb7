/**
 * Diffs the REST routes and Socket.IO event names of @elizaos/server releases against a base release.
 *
 *   npx tsx scripts/releases/diff-routes.ts <base package dir> <release package dir>... [--json] [--list]
 *
 * A package dir is an unpacked tarball (`npm pack @elizaos/server@1.6.5 && tar xzf elizaos-server-1.6.5.tgz`
 * gives `package/`). Paths compare by shape (parameter names ignored). `--list` prints each release's whole table; `--json` prints everything as one JSON object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from './bundle.js';
import { type Route, routeTable } from './route-table.js';
import { type SocketEvent, socketEvents } from './socket-events.js';

interface Release {
  version: string;
  routes: Route[];
  events: SocketEvent[];
}

const routeKey = (r: Route) => `${r.method} ${r.path}`;
/** Routes compare by shape: `/groups/:serverId` and `/groups/:messageServerId` are the same URL. */
const shapeKey = (r: Route) => `${r.method} ${r.path.replace(/:[A-Za-z0-9_]+/g, ':_')}`;
const eventKey = (e: SocketEvent) => `${e.direction} ${e.name}`;

function load(dir: string): Release {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const bundle = readBundle(dir);
  return { version: pkg.version, routes: routeTable(bundle), events: socketEvents(bundle) };
}

function only<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const keys = new Set(b.map(key));
  return a.filter((x) => !keys.has(key(x)));
}

const where = (x: { module: string; line: number; handler?: string }) =>
  `${x.handler ? `${x.handler}, ` : ''}${x.module}, dist/index.js:${x.line}`;

function printDiff(base: Release, rel: Release): void {
  console.log(`\n## ${rel.version} vs ${base.version}: ${rel.routes.length} routes (base ${base.routes.length})`);
  for (const r of only(base.routes, rel.routes, shapeKey)) console.log(`- only in ${base.version}: ${routeKey(r).padEnd(60)} ${where(r)}`);
  for (const r of only(rel.routes, base.routes, shapeKey)) console.log(`+ only in ${rel.version}: ${routeKey(r).padEnd(60)} ${where(r)}`);
  for (const e of only(base.events, rel.events, eventKey)) console.log(`- socket only in ${base.version}: ${eventKey(e).padEnd(53)} ${where(e)}`);
  for (const e of only(rel.events, base.events, eventKey)) console.log(`+ socket only in ${rel.version}: ${eventKey(e).padEnd(53)} ${where(e)}`);
}

function printList(rel: Release): void {
  console.log(`\n## ${rel.version}: every route`);
  for (const r of rel.routes) console.log(`  ${routeKey(r).padEnd(66)} ${where(r)}`);
  console.log(`## ${rel.version}: socket events`);
  for (const e of rel.events) console.log(`  ${eventKey(e).padEnd(66)} ${where(e)}`);
}

function main(argv: string[]): number {
  const dirs = argv.filter((a) => !a.startsWith('--'));
  if (dirs.length < 2) {
    console.error('usage: npx tsx scripts/releases/diff-routes.ts <base package dir> <release package dir>... [--json] [--list]');
    console.error('example: npx tsx scripts/releases/diff-routes.ts /tmp/releases/elizaos-server-1.7.2/package /tmp/releases/elizaos-server-1.6.5/package');
    return 2;
  }
  const [base, ...rest] = dirs.map(load) as [Release, ...Release[]];
  if (argv.includes('--json')) {
    const diff = (r: Release) => ({
      version: r.version,
      routesOnlyInBase: only(base.routes, r.routes, shapeKey),
      routesOnlyInRelease: only(r.routes, base.routes, shapeKey),
      eventsOnlyInBase: only(base.events, r.events, eventKey),
      eventsOnlyInRelease: only(r.events, base.events, eventKey),
    });
    console.log(JSON.stringify({ base: base.version, releases: rest.map(diff) }, null, 2));
    return 0;
  }
  if (argv.includes('--list')) [base, ...rest].forEach(printList);
  for (const rel of rest) printDiff(base, rel);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
