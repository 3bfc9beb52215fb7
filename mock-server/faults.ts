/** Delay, drop and duplicate settings of one socket event (or `*`). */
export interface EventFault {
  delayMs?: number;
  /** Probability in [0, 1]. */
  drop?: number;
  duplicate?: number;
}

/** The fault knobs, settable by option, CLI flag, control route or per-request header. */
export interface FaultConfig {
  /** Added to every REST response: a fixed delay or a range (jitter). */
  latency?: { min: number; max: number };
  /** Probability in [0, 1] that a REST request answers 500 (or `errorStatus`). */
  errorRate?: number;
  errorStatus?: number;
  events?: Record<string, EventFault>;
}

/** Fault state with a seeded random source, so a run with faults is reproducible. */
export class Faults {
  config: FaultConfig;

  constructor(
    initial: FaultConfig,
    private readonly random: () => number,
  ) {
    this.config = structuredClone(initial);
  }

  set(config: FaultConfig): void {
    this.config = { ...this.config, ...structuredClone(config), events: { ...this.config.events, ...config.events } };
  }

  clear(initial: FaultConfig = {}): void {
    this.config = structuredClone(initial);
  }

  /** The REST delay of this request, in ms. */
  latency(): number {
    const l = this.config.latency;
    if (!l) return 0;
    return l.min + Math.round(this.random() * (l.max - l.min));
  }

  /** Whether this REST request fails by injection, and with which status. */
  injectedError(): number | undefined {
    const rate = this.config.errorRate ?? 0;
    return rate > 0 && this.random() < rate ? (this.config.errorStatus ?? 500) : undefined;
  }

  forEvent(event: string): { delayMs: number; drop: boolean; duplicate: boolean } {
    const f = this.config.events?.[event] ?? this.config.events?.['*'];
    if (!f) return { delayMs: 0, drop: false, duplicate: false };
    return {
      delayMs: f.delayMs ?? 0,
      drop: (f.drop ?? 0) > 0 && this.random() < (f.drop ?? 0),
      duplicate: (f.duplicate ?? 0) > 0 && this.random() < (f.duplicate ?? 0),
    };
  }
}
