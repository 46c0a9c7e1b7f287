// Coalesced, briefly cached reads: concurrent callers of the same key share one call, and its
// answer is reused for `ttlMs`. A failed call is not cached. The bot's own changes (start, end,
// publish, delete) drop the key so that its next read is fresh.

interface Entry<V> {
  at: number;
  value: Promise<V>;
  pending: boolean;
  /** The call replacing this answer after it expired (graceMs). */
  refresh?: Promise<V> | undefined;
}

export interface ReadCacheOptions {
  ttlMs: number;
  now?: () => number;
  /** Keys kept at most; beyond it expired entries go first, then the oldest. Default 1000. */
  maxEntries?: number;
  /**
   * For this long after an answer expired, callers still get it while the first of them runs
   * the one call that replaces it (default 0: they wait for that call). The number of calls is
   * the same; callers in a burst do not queue behind the call (issue 14: the slowest joins).
   */
  graceMs?: number;
}

export class ReadCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly o: ReadCacheOptions) {
    this.now = o.now ?? Date.now;
  }

  /** `fresh` skips a cached answer but still shares a call already under way. */
  get(key: string, load: () => Promise<V>, options: { fresh?: boolean } = {}): Promise<V> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.o.ttlMs && (!options.fresh || hit.pending)) return hit.value;
    const inGrace = hit !== undefined && now - hit.at < this.o.ttlMs + (this.o.graceMs ?? 0);
    if (hit?.refresh) return options.fresh || !inGrace ? hit.refresh : hit.value;
    if (hit && inGrace && !options.fresh && !hit.pending) {
      this.refresh(key, hit, now, load);
      return hit.value;
    }
    const entry: Entry<V> = { at: now, value: load(), pending: true };
    this.entries.delete(key); // re-inserted last: the map's order is the age order
    this.entries.set(key, entry);
    this.bound(now);
    entry.value.then(
      () => void (entry.pending = false),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.value;
  }

  /** Runs the call that replaces an expired answer; its answer counts from when it started. */
  private refresh(key: string, hit: Entry<V>, now: number, load: () => Promise<V>): void {
    const value = load();
    hit.refresh = value;
    value.then(
      () => {
        if (this.entries.get(key) !== hit) return; // deleted meanwhile (the bot's own change): not put back
        this.entries.delete(key);
        this.entries.set(key, { at: now, value, pending: false });
      },
      () => void (hit.refresh = undefined), // not cached: the next caller tries again
    );
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every key for which `match` is true. */
  deleteWhere(match: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (match(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private bound(now: number): void {
    const max = this.o.maxEntries ?? 1000;
    if (this.entries.size <= max) return;
    for (const [key, e] of this.entries) if (!e.pending && now - e.at >= this.o.ttlMs) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(key);
    }
  }
}
