// Virtual clock (Date.now() + offset), timed tasks (purge, recording processing) and tracking of
// in-flight callback requests, so tests can advance time and wait for quiet.

interface Task {
  at: number;
  run: () => void;
}

export class Scheduler {
  private offset = 0;
  private tasks: Task[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private idleWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** `wake` is called by the real-time timer when something may be due. */
  constructor(private readonly wake: () => void) {}

  now(): number {
    return Date.now() + this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceTime needs a non-negative number of ms');
    this.offset += ms;
  }

  schedule(at: number, run: () => void): void {
    this.tasks.push({ at, run });
  }

  /** Removes and returns the earliest task due at `now`, if any. */
  takeDue(now: number): { at: number; run: () => void } | undefined {
    let best: Task | undefined;
    for (const task of this.tasks) if (task.at <= now && (!best || task.at < best.at)) best = task;
    if (best) this.tasks.splice(this.tasks.indexOf(best), 1);
    return best;
  }

  nextTaskAt(): number | undefined {
    return this.tasks.length > 0 ? Math.min(...this.tasks.map((t) => t.at)) : undefined;
  }

  /** Arms the real-time timer for the next due time (virtual ms). */
  arm(at: number | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (at === undefined || this.closed) return;
    const delay = Math.min(Math.max(at - this.now(), 0), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => {
      this.inflight.delete(tracked);
      this.checkIdle();
    });
    this.inflight.add(tracked);
  }

  /** Waits for every in-flight callback, including ones started meanwhile. */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  checkIdle(): void {
    if (this.tasks.length > 0 && !this.closed) return;
    if (this.inflight.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  close(): void {
    this.closed = true;
    this.arm(undefined);
    this.tasks = [];
    this.checkIdle();
  }
}
