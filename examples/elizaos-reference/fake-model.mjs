import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/**
 * A deterministic stand-in for a language model. No network, no randomness: the reply to a user message is always
 * `echo: <the user's text>`, streamed in fixed-size pieces when the server asks for a stream.
 *
 * Without plugin-bootstrap the user's text is not in the prompt, so the provider below puts it there, base64url
 * encoded between two markers (base64url because the prompt goes through Handlebars, which would escape `=` `+` `/`).
 * With plugin-bootstrap (1.5.8) the same two prompts arrive (should-respond on TEXT_SMALL, the reply XML on TEXT_LARGE)
 * and get the same answers.
 *
 * It imports nothing from @elizaos/core, so one file serves every release (the model type names are the same strings
 * from 1.5.8 to 1.7.3).
 */
const BEGIN = 'ELIZA_WIRE_ECHO_BEGIN';
const END = 'ELIZA_WIRE_ECHO_END';
const MARKED = new RegExp(`${BEGIN} ([A-Za-z0-9_-]*) ${END}`);
/** Characters per streamed piece of the model output; small so that a short reply still gives several chunks. */
export const STREAM_PIECE = 8;
/** 384 is one of the dimensions plugin-sql has a column for. */
export const EMBEDDING_DIMENSION = 384;

/** The reply the agent gives to `text`. */
export function echoOf(text) {
  return `echo: ${text}`;
}

function promptOf(params) {
  if (typeof params === 'string') return params;
  return typeof params?.prompt === 'string' ? params.prompt : '';
}

/** The user text the provider put into the prompt, or undefined when the prompt carries none. */
export function userTextIn(prompt) {
  const match = MARKED.exec(prompt);
  return match ? Buffer.from(match[1] ?? '', 'base64url').toString('utf8') : undefined;
}

function replyXml(prompt) {
  const text = userTextIn(prompt);
  if (text === undefined) {
    return '<response><thought>fake model: no user text in the prompt</thought><actions>IGNORE</actions><providers></providers><text></text></response>';
  }
  return `<response><thought>Echo the message back.</thought><actions>REPLY</actions><providers></providers><text>${echoOf(text)}</text></response>`;
}

/**
 * The XML in pieces: everything up to `<text>` in one piece, the reply text in STREAM_PIECE characters, the rest in
 * one piece. The server streams only what lies inside `<text>`, so the chunks are the reply in fixed pieces, as a
 * model streaming its answer (and the eliza-wire mock) would send them.
 */
async function* pieces(xml) {
  const start = xml.indexOf('<text>') + '<text>'.length;
  const end = xml.lastIndexOf('</text>');
  const parts = start > 5 && end >= start ? [xml.slice(0, start), ...chunksOf(xml.slice(start, end)), xml.slice(end)] : chunksOf(xml);
  for (const part of parts) {
    await yieldToLoop();
    yield part;
  }
}

function chunksOf(text) {
  const out = [];
  for (let i = 0; i < text.length; i += STREAM_PIECE) out.push(text.slice(i, i + STREAM_PIECE));
  return out;
}

function shouldRespondXml() {
  return '<response><name>WireEcho</name><reasoning>fake model: always respond</reasoning><action>RESPOND</action></response>';
}

async function textSmall(_runtime, params) {
  const prompt = promptOf(params);
  // The should-respond template lists the three choices; everything else gets the reply format.
  return prompt.includes('RESPOND | IGNORE | STOP') ? shouldRespondXml() : replyXml(prompt);
}

/** @param {{ stream: boolean }} options  stream: false answers every call with the whole text, as 1.5/1.6 models did. */
function textLargeOf({ stream }) {
  return async function textLarge(_runtime, params) {
    const xml = replyXml(promptOf(params));
    // Real model plugins answer a stream request with a textStream; the runtime forwards each piece to the server.
    return stream && params?.stream ? { textStream: pieces(xml), text: Promise.resolve(xml) } : xml;
  };
}

/** A unit vector derived from the text's SHA-256, so equal texts get equal embeddings. */
export function embeddingOf(text) {
  const vector = [];
  let block = createHash('sha256').update(text).digest();
  while (vector.length < EMBEDDING_DIMENSION) {
    for (const byte of block) vector.push(byte / 127.5 - 1);
    block = createHash('sha256').update(block).digest();
  }
  vector.length = EMBEDDING_DIMENSION;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

async function textEmbedding(_runtime, params) {
  const text = typeof params === 'string' ? params : typeof params?.text === 'string' ? params.text : '';
  return embeddingOf(text);
}

async function object(_runtime, params) {
  return { fake: true, echo: userTextIn(promptOf(params)) ?? null };
}

/** Puts the text of the message being answered into the prompt, between the markers the fake model looks for. */
export const userTextProvider = {
  name: 'ELIZA_WIRE_USER_TEXT',
  description: 'The text of the current message, encoded for the fake model.',
  dynamic: false,
  private: false,
  get: async (_runtime, message) => {
    const text = typeof message?.content?.text === 'string' ? message.content.text : '';
    return { text: `${BEGIN} ${Buffer.from(text, 'utf8').toString('base64url')} ${END}`, values: {}, data: {} };
  },
};

/**
 * The plugin: every model type the message pipeline (core's in 1.6+, plugin-bootstrap's in 1.5) asks for, plus the
 * provider. `stream: false` never returns a textStream, even when asked.
 *
 * @param {{ stream?: boolean }} [options]
 */
export function createFakeModelPlugin({ stream = true } = {}) {
  return {
    name: 'eliza-wire-fake-model',
    description: 'Deterministic echo model for conformance runs (no LLM).',
    priority: 100,
    models: {
      TEXT_SMALL: textSmall,
      TEXT_LARGE: textLargeOf({ stream }),
      TEXT_EMBEDDING: textEmbedding,
      OBJECT_SMALL: object,
      OBJECT_LARGE: object,
    },
    providers: [userTextProvider],
  };
}

/** The streaming plugin, as 1.7.2 runs it. */
export const fakeModelPlugin = createFakeModelPlugin();
