import type { Difference } from './model.js';

/** A value as one line: JSON, cut at `max` characters. */
export function show(value: unknown, max = 100): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `steps[0].events.member[1] (messageBroadcast)`: the path, with the event name when there is one. */
export function placeOf(d: Difference): string {
  return d.event ? `${d.path} (${d.event})` : d.path;
}

/** `A: 400  B: 200`, `only in B: {…}`. */
export function valuesOf(d: Difference, max = 100): string {
  if (d.kind === 'only-a') return `only in A: ${show(d.a, max)}`;
  if (d.kind === 'only-b') return `only in B: ${show(d.b, max)}`;
  return `A: ${show(d.a, max)}  B: ${show(d.b, max)}`;
}
