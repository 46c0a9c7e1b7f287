// Coalesced, briefly cached reads: concurrent callers of the same key share one call, and its
// answer is reused for `ttlMs`. A failed call is not cached. The bot's own changes (start, end,
// publish, delete) drop the key so that its next read is fresh.

interface Entry<V> {
  at: number;
  value: Promise<V>;
  pending: boolean;
}

export interface ReadCacheOptions {
  ttlMs: number;
  now?: () => number;
  /** Keys kept at most; beyond it expired entries go first, then the oldest. Default 1000. */
  maxEntries?: number;
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
