import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * Runs the mock's own Express middlewares (auth, `?agentId=` check, content-type check, faults, body errors) over a
 * fetch `Request`, so MSW answers with the same code and not a copy. Those modules import Express for types only;
 * they read `req.get/method/path/query` and write `res.status().json()/end()` and `res.setHeader`, which is all
 * this small request/response pair offers.
 */
export class ShimRequest {
  constructor(
    readonly method: string,
    /** The path as the middleware's router sees it (relative to its mount point). */
    readonly path: string,
    readonly query: Record<string, string | string[] | undefined>,
    private readonly source: Headers,
  ) {}

  get(name: string): string | undefined {
    return this.source.get(name) ?? undefined;
  }
}

export class ShimResponse {
  statusCode = 200;
  readonly headers = new Headers();
  body: string | undefined;
  ended = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    this.headers.set(name, value);
    return this;
  }

  type(contentType: string): this {
    return this.setHeader('Content-Type', contentType.includes('/') ? contentType : `text/${contentType}`);
  }

  json(body: unknown): this {
    this.setHeader('Content-Type', 'application/json; charset=utf-8');
    return this.send(JSON.stringify(body));
  }

  send(body: string): this {
    this.body = body;
    return this.end();
  }

  end(): this {
    this.ended = true;
    return this;
  }
}

type Shimmed = (req: ShimRequest, res: ShimResponse, next: (error?: unknown) => void) => void;

/** Resolves `true` when the middleware passes the request on (`next()`), `false` when it answered. */
export function runMiddleware(middleware: RequestHandler, req: ShimRequest, res: ShimResponse): Promise<boolean> {
  // The cast is the point of the shim: the middleware touches only what ShimRequest/ShimResponse implement.
  const run = middleware as unknown as Shimmed;
  return new Promise((resolve, reject) => {
    const next = (error?: unknown) => (error === undefined ? resolve(true) : reject(error instanceof Error ? error : new Error(String(error))));
    const end = res.end.bind(res);
    res.end = () => {
      end();
      resolve(false);
      return res;
    };
    run(req, res, next);
  });
}

/** Runs an Express error middleware; resolves `true` when it passed the error on instead of answering. */
export function runErrorMiddleware(middleware: ErrorRequestHandler, error: Error, req: ShimRequest, res: ShimResponse): boolean {
  let passed = false;
  (middleware as unknown as (e: Error, ...rest: Parameters<Shimmed>) => void)(error, req, res, () => {
    passed = true;
  });
  return passed;
}
