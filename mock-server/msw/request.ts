import { fail, type HandlerResult, type UploadedFile } from '../rest/result.js';

const JSON_LIMIT = 2 * 1024 * 1024;

/** A body-parser error, as `express.json()` raises it (`type` is what the mock's `bodyErrors` reads). */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly type: 'entity.parse.failed' | 'entity.too.large',
  ) {
    super(message);
  }
}

/** A request's body as the Express app would have it after `express.json()` and multer. */
export interface ParsedBody {
  present: boolean;
  contentType: string;
  body?: unknown;
  file?: UploadedFile;
  uploadError?: HandlerResult;
  error?: BodyError;
}

function parseJson(text: string): unknown {
  if (text.length > JSON_LIMIT) throw new BodyError('request entity too large', 'entity.too.large');
  const first = text.trimStart()[0];
  // express.json() is strict: only objects and arrays.
  if (first !== '{' && first !== '[') throw new BodyError(`Unexpected token '${first ?? ''}', "${text.slice(0, 20)}" is not valid JSON`, 'entity.parse.failed');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(error instanceof Error ? error.message : 'Invalid JSON', 'entity.parse.failed');
  }
}

async function parseUpload(request: Request, maxBytes: number): Promise<Pick<ParsedBody, 'file' | 'uploadError' | 'body'>> {
  const form = await request.formData();
  const files = [...form.entries()].filter((e): e is [string, Exclude<NonNullable<ReturnType<FormData['get']>>, string>] => typeof e[1] !== 'string');
  const fields = Object.fromEntries([...form.entries()].filter((e) => typeof e[1] === 'string'));
  const upload = files.find(([name]) => name === 'file')?.[1];
  if (files.length > 1) return { body: fields, uploadError: fail('VALIDATION_ERROR', 'Too many files') };
  if (upload && upload.size > maxBytes) return { body: fields, uploadError: fail('PAYLOAD_TOO_LARGE', 'File too large') };
  if (!upload) return { body: fields };
  const buffer = new Uint8Array(await upload.arrayBuffer());
  return { body: fields, file: { fieldname: 'file', originalname: upload.name, mimetype: upload.type || 'application/octet-stream', size: upload.size, buffer } };
}

/** Reads the body the way the Express app does: JSON when it says JSON, multipart for upload operations. */
export async function parseBody(request: Request, multipart: boolean, maxUploadBytes: number): Promise<ParsedBody> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (multipart && contentType === 'multipart/form-data') return { present: true, contentType, ...(await parseUpload(request, maxUploadBytes)) };
  const text = request.body ? await request.text() : '';
  const parsed: ParsedBody = { present: text.length > 0, contentType };
  if (!parsed.present || contentType !== 'application/json') return parsed;
  try {
    return { ...parsed, body: parseJson(text) };
  } catch (error) {
    return { ...parsed, error: error as BodyError };
  }
}

/** The query as Express's 'simple' parser gives it: a repeated key becomes an array. */
export function queryOf(url: URL): Record<string, string | string[] | undefined> {
  const query: Record<string, string | string[] | undefined> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** Header names in lower case, as Node's `IncomingHttpHeaders`. */
export function headersOf(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].map(([k, v]) => [k.toLowerCase(), v]));
}
