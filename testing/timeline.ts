/** One event of a client's timeline: everything it received (`in`) and emitted (`out`), in order. */
export interface TimelineEntry {
  direction: 'in' | 'out';
  /** The Socket.IO event name; `connect` and `disconnect` are recorded too (payload `{ reason }` for the latter). */
  event: string;
  payload: unknown;
  /** Milliseconds since `connect()` was called (monotonic, whole ms). */
  at: number;
  /** Wall-clock time (`Date.now()`). */
  time: number;
}

/** A received event as a failed `waitFor` lists it. */
export interface ReceivedSummary {
  event: string;
  at: number;
  /** The payload as JSON, cut to 80 characters. */
  preview: string;
  /** Already consumed by an earlier `waitFor` or `join`. */
  taken: boolean;
}

const PREVIEW_LENGTH = 80;

/** The payload as one line of JSON, cut to 80 characters (`…` marks the cut). */
export function previewOf(payload: unknown): string {
  if (payload === undefined) return '';
  let text: string;
  try {
    text = JSON.stringify(payload) ?? String(payload);
  } catch {
    text = String(payload);
  }
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

const SHOWN = 30;

/**
 * The lines a failed wait prints: one per received event, `+<ms> ms <event> <preview>`, marking events taken by
 * an earlier wait and events of the awaited name that the predicate turned down. The last 30 are shown.
 */
export function formatReceived(received: readonly ReceivedSummary[], awaited: readonly string[]): string {
  if (received.length === 0) return 'Nothing arrived since connect.';
  const hidden = Math.max(0, received.length - SHOWN);
  const lines = received.slice(hidden).map((r) => {
    const note = r.taken ? '  [taken by an earlier wait]' : awaited.includes(r.event) ? '  [predicate returned false]' : '';
    return `  +${r.at} ms  ${r.event}${r.preview ? ` ${r.preview}` : ''}${note}`;
  });
  const head = `Received since connect (${received.length} event${received.length === 1 ? '' : 's'}${hidden ? `, first ${hidden} not shown` : ''}):`;
  return [head, ...lines].join('\n');
}
