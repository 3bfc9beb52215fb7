/**
 * The version of one record: `[epoch, tick, origin]`. The epoch grows on every cluster-wide `reset()`, so a change
 * made before a reset never outlives it; the tick is a Lamport clock, so a change made after seeing another one
 * wins over it; the origin (an instance id) breaks ties, so every instance picks the same winner.
 */
export type Version = readonly [epoch: number, tick: number, origin: string];

/** Positive when `a` is newer than `b`. */
export function compareVersions(a: Version, b: Version): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/** What a record nobody changed since the epoch began (the seeded state) counts as. */
export function seedVersion(epoch: number): Version {
  return [epoch, 0, ''];
}
