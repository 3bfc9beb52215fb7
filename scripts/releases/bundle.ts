import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A top-level function of a bundled dist file, with the source module its bundler comment names. */
export interface BundleFunction {
  name: string;
  /** 1-based line of the `function` keyword in dist/index.js. */
  line: number;
  /** The bundler's `// src/...` comment above it, e.g. `src/api/agents/crud.ts`. */
  module: string;
  body: string;
}

const FUNCTION_START = /^(?:(?:async )?function\*? ?([A-Za-z0-9_$]+)\(|class ([A-Za-z0-9_$]+)[ {])/;
const MODULE_COMMENT = /^\/\/ ((?:src|\.\.|node_modules)\/\S+)$/;

/** Reads `<packageDir>/dist/index.js`, the single bundle every @elizaos/server 1.5–1.7 release ships. */
export function readBundle(packageDir: string): string {
  return readFileSync(join(packageDir, 'dist', 'index.js'), 'utf8');
}

/**
 * Splits a bundle into its top-level functions. Bun's bundler writes each function at column 0 and closes it with a
 * `}` at column 0, so a line scan is enough; nested functions stay inside their parent's body.
 */
export function topLevelFunctions(bundle: string): BundleFunction[] {
  const lines = bundle.split('\n');
  const out: BundleFunction[] = [];
  let module = '(unknown)';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const comment = MODULE_COMMENT.exec(text);
    if (comment) module = comment[1] ?? module;
    const start = FUNCTION_START.exec(text);
    if (!start) continue;
    let end = i;
    while (end < lines.length - 1 && lines[end] !== '}' && !(end === i && text.endsWith('}'))) end++;
    out.push({ name: start[1] ?? start[2] ?? '', line: i + 1, module, body: lines.slice(i, end + 1).join('\n') });
    i = end;
  }
  return out;
}

/** The 1-based line of `offset` inside `fn.body`, as a line of the bundle. */
export function lineOf(fn: BundleFunction, offset: number): number {
  return fn.line + fn.body.slice(0, offset).split('\n').length - 1;
}
