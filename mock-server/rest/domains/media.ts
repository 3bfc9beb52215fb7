import { ALLOWED_AUDIO, ALLOWED_MEDIA, NIL_UUID } from '../../../spec/index.js';
import type { MockState } from '../../state/state.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler, type HandlerResult, type RequestContext, type UploadedFile } from '../result.js';
import { agentParam, bodyOf, isResult, isUuid } from './helpers.js';
import { extname } from './file-name.js';
import { isRelease } from '../../../spec/profiles.js';

type Step = () => HandlerResult | undefined;

/** The first check that fails, if any. */
function firstFailure(steps: Step[]): HandlerResult | undefined {
  for (const step of steps) {
    const result = step();
    if (result) return result;
  }
  return undefined;
}

/** Names a client could use to leave the upload folder (busboy already strips directories; this is belt and braces). */
const unsafeName = (name: string) => name === '' || name.includes('..') || name.includes('/') || name.includes('\\');

interface UploadRules {
  allowed: readonly string[];
  /** 1.7.2's message when there is no `file` part. */
  noFile: string;
  /** 1.7.2's message when multer refuses the MIME type. */
  badMime: string;
  /** How the route writes an error of its own in 1.7 (E1 `INVALID_REQUEST` or E2). */
  envelope: 'E1' | 'E2';
  /** Checks of the path (and agent) before and after the file's presence, as the route orders them. */
  before: Step[];
  after: Step[];
}

/** A mock-only refusal (unsafe file name), written in the route's 1.7 envelope. */
function badName(envelope: UploadRules['envelope']): HandlerResult {
  const message = 'Invalid file name';
  const real = envelope === 'E1' ? { success: false, error: { code: 'INVALID_REQUEST', message } } : { success: false, error: message };
  return fail('VALIDATION_ERROR', message, { real });
}

/**
 * The uploaded file, or the error to answer. In 1.7.2 multer's file filter refuses a MIME type before the route
 * runs, so the MIME check comes first there; the documented profile checks the request in reading order.
 */
function uploadedFile(req: RequestContext, rules: UploadRules): UploadedFile | HandlerResult {
  const file = req.file;
  const present: Step = () => (file ? undefined : fail('VALIDATION_ERROR', rules.noFile));
  const mime: Step = () => (file && !rules.allowed.includes(file.mimetype) ? fail('UNSUPPORTED_MEDIA_TYPE', rules.badMime) : undefined);
  const name: Step = () => (file && unsafeName(file.originalname) ? badName(rules.envelope) : undefined);
  const checks = isRelease(req.mock.profile)
    ? [mime, ...rules.before, present, ...rules.after, name]
    : [...rules.before, present, ...rules.after, mime, name];
  return firstFailure(checks) ?? file ?? fail('VALIDATION_ERROR', rules.noFile);
}

/** `<ts>-<rand><ext>` as 1.7.2 names stored uploads; the extension is kept only when it is plain. */
function storedName(req: RequestContext, file: UploadedFile): string {
  const ext = extname(file.originalname).toLowerCase();
  const rand = Math.floor(req.mock.state.ids.random() * 1e9);
  return `${req.mock.clock.now()}-${rand}${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
}

function store(req: RequestContext, folder: string, file: UploadedFile) {
  const filename = storedName(req, file);
  const url = `/media/uploads/${folder}/${filename}`;
  req.mock.state.putMedia({ url, bytes: file.buffer, contentType: file.mimetype, size: file.size });
  return { url, filename, originalName: file.originalname, size: file.size };
}

function mediaKind(mime: string): 'image' | 'video' | 'audio' | 'document' {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

const agentIdCheck: (req: RequestContext) => Step = (req) => () => (isUuid(req.params.agentId) ? undefined : fail('INVALID_ID', 'Invalid agent ID format'));

/** The agent must run (1.7.2's `elizaOS.getAgent`) for audio routes. */
const runningCheck: (req: RequestContext) => Step = (req) => () => {
  const agent = agentParam(req, { running: true });
  return isResult(agent) ? agent : undefined;
};

const agentUpload: Handler = (req) => {
  // 1.7.2 does not look the agent up here: any well-formed id gets a folder.
  const file = uploadedFile(req, { allowed: ALLOWED_MEDIA, noFile: 'No media file provided', badMime: 'Invalid file type', envelope: 'E1', before: [agentIdCheck(req)], after: [] });
  if (isResult(file)) return file;
  const stored = store(req, `agents/${req.params.agentId}`, file);
  return ok({ url: stored.url, type: mediaKind(file.mimetype), filename: stored.filename, originalName: stored.originalName, size: stored.size });
};

/** Channel uploads per window, kept beside each state (a reset forgets them). */
const channelUploads = new WeakMap<MockState, number[]>();
const CHANNEL_UPLOAD_LIMIT = 100;
const CHANNEL_UPLOAD_WINDOW_MS = 15 * 60 * 1000;

/** 1.7.2's channel-upload limiter (100 per 15 min); only when the mock has rate limiting on (`rateLimit`). */
function overUploadLimit(req: RequestContext): HandlerResult | undefined {
  if (!req.mock.options.rateLimit) return undefined;
  const now = req.mock.clock.now();
  const recent = (channelUploads.get(req.mock.state) ?? []).filter((t) => now - t < CHANNEL_UPLOAD_WINDOW_MS);
  channelUploads.set(req.mock.state, recent);
  if (recent.length >= CHANNEL_UPLOAD_LIMIT) return fail('RATE_LIMIT_EXCEEDED', 'Too many requests, please try again later.');
  recent.push(now);
  return undefined;
}

const channelUpload: Handler = (req) => {
  const limited = overUploadLimit(req);
  if (limited) return limited;
  const idCheck: Step = () => (isUuid(req.params.channelId) ? undefined : fail('INVALID_ID', 'Invalid channelId format'));
  const file = uploadedFile(req, { allowed: ALLOWED_MEDIA, noFile: 'No media file provided', badMime: 'Invalid file type', envelope: 'E2', before: [idCheck], after: [] });
  if (isResult(file)) return file;
  const stored = store(req, `channels/${req.params.channelId}`, file);
  return ok({ url: stored.url, type: file.mimetype, filename: stored.filename, originalName: stored.originalName, size: stored.size });
};

/** An audio file upload of a running agent, checked as 1.7.2 does. */
function audioUpload(req: RequestContext): UploadedFile | HandlerResult {
  return uploadedFile(req, { allowed: ALLOWED_AUDIO, noFile: 'No audio file provided', badMime: 'Invalid audio file type', envelope: 'E1', before: [agentIdCheck(req)], after: [runningCheck(req)] });
}

/** The mock's transcription: deterministic, naming what it heard. */
const transcriptionOf = (file: UploadedFile) => `Mock transcription of ${file.originalname} (${file.size} bytes).`;

const audioMessage: Handler = (req) => {
  const file = audioUpload(req);
  if (isResult(file)) return file;
  return ok({ transcription: transcriptionOf(file), message: 'Audio transcribed, further processing TBD.' });
};

const transcription: Handler = (req) => {
  const file = audioUpload(req);
  if (isResult(file)) return file;
  return ok({ text: transcriptionOf(file) });
};

/** A valid WAV (RIFF, PCM 16-bit mono 8 kHz) of silence: about 40 ms per word of the text, 0.1 to 2 s. */
function silentWav(text: string): Uint8Array {
  const rate = 8000;
  const words = text.trim().split(/\s+/).length;
  const samples = Math.round((rate * Math.min(2000, Math.max(100, words * 40))) / 1000);
  const bytes = samples * 2;
  const wav = new Uint8Array(44 + bytes);
  const view = new DataView(wav.buffer);
  const ascii = (text: string, at: number) => wav.set([...text].map((c) => c.charCodeAt(0)), at);
  ascii('RIFF', 0);
  view.setUint32(4, 36 + bytes, true);
  ascii('WAVEfmt ', 8);
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii('data', 36);
  view.setUint32(40, bytes, true);
  return wav;
}

const wav = (text: string): HandlerResult => ({ kind: 'binary', contentType: 'audio/wav', body: silentWav(text) });

/** The text of a speech request (order as 1.7.2: id, text, agent), or the error. */
function speechText(req: RequestContext, missing: string): string | HandlerResult {
  if (!isUuid(req.params.agentId)) return fail('INVALID_ID', 'Invalid agent ID format');
  const text = bodyOf(req).text;
  if (typeof text !== 'string' || text.length === 0) return fail('VALIDATION_ERROR', missing);
  const agent = agentParam(req, { running: true });
  return isResult(agent) ? agent : text;
}

const synthesize: Handler = (req) => {
  const text = speechText(req, 'Text is required for speech synthesis');
  return isResult(text) ? text : wav(text);
};

const conversation: Handler = async (req) => {
  const text = speechText(req, 'Text is required for conversation');
  if (isResult(text)) return text;
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const body = bodyOf(req);
  const channelId = typeof body.roomId === 'string' ? body.roomId : agent.id;
  const senderId = typeof body.entityId === 'string' ? body.entityId : NIL_UUID;
  const reply = await req.agent.reply({ text, agentId: agent.id, agentName: agent.name, channelId, senderId });
  if (!reply?.text) {
    const message = 'No response from model';
    return fail('INTERNAL_ERROR', message, { real: { success: false, error: { code: 'MODEL_ERROR', message } } });
  }
  return wav(reply.text);
};

export const mediaHandlers = {
  'audio.audio-messages.create': audioMessage,
  'audio.transcriptions.create': transcription,
  'audio.audio-messages.synthesize': synthesize,
  'audio.speech.generate': synthesize,
  'audio.speech.conversation': conversation,
  'media.agents.upload': agentUpload,
  'media.channels.upload': channelUpload,
} satisfies Partial<HandlerMap>;
