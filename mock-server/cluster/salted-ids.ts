import { IdSource } from '../state/ids.js';

/**
 * The ids of one instance of a cluster: the seed is mixed with a per-instance salt (so two instances started with
 * the same seed draw different sequences) and every UUID ends with the salt's 8 hex digits (so ids of two
 * instances can never collide, whatever their sequences do). Ids are no longer reproducible from the seed alone.
 */
export class SaltedIds extends IdSource {
  private readonly tail: string;

  constructor(seed: number, salt: number) {
    super((seed ^ salt) >>> 0);
    this.tail = (salt >>> 0).toString(16).padStart(8, '0');
  }

  override uuid(): string {
    return `${super.uuid().slice(0, -8)}${this.tail}`;
  }
}
