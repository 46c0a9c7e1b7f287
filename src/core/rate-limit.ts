// Per-user command limits: a token bucket per key (platform + user). Each command takes a token;
// tokens come back steadily, `capacity` per `windowMs`. The default, a burst of 20 and then one
// command a second, is more than a person types or clicks (a teacher tidying recordings runs ~12
// in a row) and keeps a script to a trickle that the cached BBB reads absorb. Memory is bounded: a bucket that has
// refilled is the same as no bucket, so idle users are dropped, and never more than `maxKeys` kept.

export interface RateLimitOptions {
  /** Commands allowed at once (default 20). */
  capacity?: number;
  /** Time for a full refill (default 20 s): one more command each second. */
  windowMs?: number;
  now?: () => number;
  /** Buckets kept at most (default 10,000); beyond it the longest idle go first. */
  maxKeys?: number;
}

export type Verdict =
  | { ok: true }
  /** `first`: the first refusal since the user was last allowed (worth one log line). */
  | { ok: false; retryInMs: number; first: boolean };

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly msPerToken: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(o: RateLimitOptions = {}) {
    this.capacity = o.capacity ?? 20;
    this.msPerToken = (o.windowMs ?? 20_000) / this.capacity;
    this.now = o.now ?? Date.now;
    this.maxKeys = o.maxKeys ?? 10_000;
  }

  take(key: string): Verdict {
    const now = this.now();
    const old = this.buckets.get(key);
    const bucket = old ? this.refilled(old, now) : { tokens: this.capacity, at: now, warned: false };
    this.buckets.delete(key); // re-inserted last: the map's order is the order of last use
    this.evict(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return { ok: true };
    }
    const first = !bucket.warned;
    bucket.warned = true;
    return { ok: false, retryInMs: Math.ceil((1 - bucket.tokens) * this.msPerToken), first };
  }

  /** Buckets held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(b: Bucket, now: number): Bucket {
    const tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) / this.msPerToken);
    return { tokens, at: now, warned: b.warned };
  }

  /** Drops full (idle) buckets from the least recently used end, and the oldest to make room for one more. */
  private evict(now: number): void {
    for (const [key, b] of this.buckets) {
      const idle = this.refilled(b, now).tokens >= this.capacity;
      if (!idle && this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
