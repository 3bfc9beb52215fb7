import { type BundleFunction, lineOf, topLevelFunctions } from './bundle.js';

/** One Express route as registered in a release's dist, with its full path from the server root. */
export interface Route {
  method: string;
  path: string;
  /** The factory that registers it, e.g. `createChannelsRouter`. */
  handler: string;
  module: string;
  line: number;
}

const ROUTE_CALL = /\b(?:router\d*|this\.app)\.(get|post|put|patch|delete|all)\(\s*(["'`])(\/[^"'`]*)\2/g;
const MOUNT_CALL = /\brouter\d*\.use\(\s*(["'`])(\/[^"'`]*)\1\s*,\s*([A-Za-z0-9_$]+)(\()?/g;

/** `a` + `b` as Express joins a mount prefix and a route path ("/" + "/x" is "/x", "/a" + "/" is "/a"). */
export function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : '/';
}

/** The factory a mount names: `router.use("/x", createX())`, or `const r = createX(); router.use("/x", r)`. */
function mountTarget(fn: BundleFunction, ident: string, called: boolean): string | undefined {
  if (called) return ident;
  const assigned = new RegExp(`\\b${ident.replace(/\$/g, '\\$')}\\s*=\\s*([A-Za-z0-9_$]+)\\(`).exec(fn.body);
  return assigned?.[1];
}

function collect(byName: Map<string, BundleFunction>, name: string, prefix: string, seen: Set<string>, out: Route[]) {
  const fn = byName.get(name);
  if (!fn || seen.has(`${name}@${prefix}`)) return;
  seen.add(`${name}@${prefix}`);
  for (const m of fn.body.matchAll(ROUTE_CALL)) {
    if (m[0].startsWith('this.app')) continue;
    const method = (m[1] ?? '').toUpperCase();
    out.push({ method, path: joinPath(prefix, m[3] ?? '/'), handler: name, module: fn.module, line: lineOf(fn, m.index) });
  }
  for (const m of fn.body.matchAll(MOUNT_CALL)) {
    const target = mountTarget(fn, m[3] ?? '', m[4] === '(');
    if (target) collect(byName, target, joinPath(prefix, m[2] ?? '/'), seen, out);
  }
}

/** Routes the server class registers directly on its app (`this.app.get("/healthz", …)`). */
function appRoutes(functions: BundleFunction[], bundle: string): Route[] {
  const out: Route[] = [];
  const lines = bundle.split('\n');
  lines.forEach((text, i) => {
    for (const m of text.matchAll(ROUTE_CALL)) {
      if (!m[0].startsWith('this.app')) continue;
      const owner = functions.filter((f) => f.line <= i + 1).at(-1);
      out.push({ method: (m[1] ?? '').toUpperCase(), path: m[3] ?? '/', handler: 'AgentServer', module: owner?.module ?? '(server)', line: i + 1 });
    }
  });
  return out;
}

/**
 * Every REST route of a release: the app's own routes plus everything `createApiRouter` mounts under `/api`,
 * followed through each `router.use(prefix, factory())`. Sorted by path, then method.
 */
export function routeTable(bundle: string): Route[] {
  const functions = topLevelFunctions(bundle);
  const byName = new Map(functions.map((f) => [f.name, f]));
  if (!byName.has('createApiRouter')) throw new Error('No createApiRouter in this bundle: is it an @elizaos/server 1.x dist/index.js?');
  const out = appRoutes(functions, bundle);
  collect(byName, 'createApiRouter', '/api', new Set(), out);
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
