import type { Socket } from 'socket.io-client';

/**
 * Counts the sockets of a run that lost their connection (server gone, kicked, transport closed) as opposed to
 * the ones the run closed itself, and calls `onAllLost` once when none is left connected: a dead target ends the
 * run instead of being sent to for the rest of it.
 */
export class ConnectionWatch {
  private watched = 0;
  private lost = 0;
  private closing = false;

  constructor(private readonly onAllLost: () => void = () => undefined) {}

  /** Starts counting these sockets (already connected). */
  watch(sockets: readonly Socket[]): void {
    for (const socket of sockets) {
      this.watched += 1;
      socket.once('disconnect', (reason: string) => {
        // 'io client disconnect' is our own closeAll at the end
        if (this.closing || reason === 'io client disconnect') return;
        this.lost += 1;
        if (this.lost === this.watched) this.onAllLost();
      });
    }
  }

  /** From now on disconnects are the run's own (closing at the end). */
  close(): void {
    this.closing = true;
  }

  get connected(): number {
    return this.watched - this.lost;
  }

  get disconnected(): number {
    return this.lost;
  }
}
