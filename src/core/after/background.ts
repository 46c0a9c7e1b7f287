// Work done after answering (callbacks answer fast, notify-me runs after the start reply).
// Failures are logged, never thrown; idle() lets tests and shutdown wait for quiet.
import type { Logger } from '../../log.ts';

export class Background {
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<unknown>): void {
    const p: Promise<unknown> = Promise.resolve()
      .then(work)
      .catch((err: unknown) => this.log.error(`${name} failed`, { error: err }))
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /** Resolves when nothing is running, including work started meanwhile. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }
}
