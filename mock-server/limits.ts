/**
 * What the mock accepts from one client before any handler sees it. Every limit is an option of
 * `createMockServer` and a flag of `eliza-wire mock`; the defaults are below.
 */
export const DEFAULT_LIMITS = {
  /** Deepest nesting of objects and arrays in a REST body or a socket event's arguments. */
  maxPayloadDepth: 64,
  /** Largest JSON body of a REST request, in bytes: 1.7.2's `express.json({limit: "2mb"})`. */
  maxBodyBytes: 2 * 1024 * 1024,
  /** Largest Socket.IO packet, in bytes: 1.7.2's `maxHttpBufferSize` (1e6). Larger ones close that connection. */
  maxSocketMessageBytes: 1_000_000,
} as const;

/** Why an input was refused: a stable code and a message that says the limit and how to stay within it. */
export interface PayloadProblem {
  code: 'PAYLOAD_TOO_DEEP' | 'BINARY_NOT_ACCEPTED';
  message: string;
}

function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || (typeof Blob !== 'undefined' && value instanceof Blob);
}

/**
 * Walks a parsed input without recursion (so a hostile depth cannot overflow the walk itself) and returns the
 * first problem: nesting deeper than `maxDepth`, or binary data (`binary: 'refuse'`) where the protocol takes JSON.
 * Functions (a socket.io ack callback) are skipped. A cycle is reported as too deep, so the walk always ends.
 *
 * @example
 * payloadProblem({ a: { b: 1 } }, { maxDepth: 1 }) // → { code: 'PAYLOAD_TOO_DEEP', … }
 */
export function payloadProblem(value: unknown, options: { maxDepth: number; binary?: 'refuse' | 'allow' }): PayloadProblem | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (isBinary(item)) {
      if (options.binary === 'refuse') return { code: 'BINARY_NOT_ACCEPTED', message: 'binary data where JSON is expected: send strings, numbers, booleans, arrays and objects' };
      continue;
    }
    if (depth >= options.maxDepth) {
      return { code: 'PAYLOAD_TOO_DEEP', message: `nested deeper than ${options.maxDepth} levels of objects and arrays: flatten it, or raise maxPayloadDepth (--max-payload-depth)` };
    }
    // arrays by index: Object.values would copy a 450,000-element array on every check
    const children: unknown[] = Array.isArray(item) ? item : Object.values(item);
    for (let i = 0; i < children.length; i += 1) {
      const child = children[i];
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
