// ReadCache: the coalescing, briefly caching read behind `join`, `status` and `recordings`.
import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../src/core/read-cache.ts';

function counter() {
  let calls = 0;
  let release: () => void = () => {};
  const load = (): Promise<number> => {
    calls++;
    return new Promise<number>((resolve) => (release = () => resolve(calls)));
  };
  return { load, calls: () => calls, release: () => release() };
}

describe('ReadCache', () => {
  it('shares a call under way, reuses its answer for ttlMs, and reloads after', async () => {
    let now = 0;
    const cache = new ReadCache<number>({ ttlMs: 2000, now: () => now });
    const c = counter();
    const all = Array.from({ length: 300 }, () => cache.get('m', c.load));
    c.release();
    expect(new Set(await Promise.all(all))).toEqual(new Set([1]));
    now += 1999;
    expect(await cache.get('m', c.load)).toBe(1);
    now += 1;
    const next = cache.get('m', c.load);
    c.release();
    expect(await next).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('fresh skips a finished answer but shares one under way; delete and failures drop the key', async () => {
    let now = 0;
    const cache = new ReadCache<number>({ ttlMs: 2000, now: () => now });
    const c = counter();
    const first = cache.get('m', c.load);
    const shared = cache.get('m', c.load, { fresh: true });
    c.release();
    expect([await first, await shared]).toEqual([1, 1]);
    const fresh = cache.get('m', c.load, { fresh: true });
    c.release();
    expect(await fresh).toBe(2);
    cache.delete('m');
    const afterDelete = cache.get('m', c.load);
    c.release();
    expect(await afterDelete).toBe(3);
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache.get('x', async () => 42)).toBe(42); // the failure was not cached
  });

  it('keeps at most maxEntries keys', async () => {
    let now = 0;
    const cache = new ReadCache<number>({ ttlMs: 2000, now: () => now, maxEntries: 50 });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      await cache.get(`m${i}`, async () => i);
      expect(cache.size).toBeLessThanOrEqual(50);
    }
  });

  it('graceMs: just after expiry callers get the last answer while one call replaces it; then they wait', async () => {
    let now = 0;
    const cache = new ReadCache<number>({ ttlMs: 2000, graceMs: 1000, now: () => now });
    const c = counter();
    const first = cache.get('m', c.load);
    c.release();
    expect(await first).toBe(1);
    now = 2000; // expired, in the grace period
    const during = await Promise.all(Array.from({ length: 100 }, () => cache.get('m', c.load)));
    expect(new Set(during)).toEqual(new Set([1])); // nobody waited
    expect(c.calls()).toBe(2); // one call replaces it, as without grace
    const fresh = cache.get('m', c.load, { fresh: true }); // end, notify-me: share the call, not the old answer
    c.release();
    expect(await fresh).toBe(2);
    await Promise.resolve();
    expect(await cache.get('m', c.load)).toBe(2);
    now = 2000 + 2000 + 1000; // past ttl and grace of the answer of time 2000: wait for a new call
    const late = cache.get('m', c.load);
    c.release();
    expect(await late).toBe(3);
    expect(c.calls()).toBe(3);
  });

  it('graceMs: a failed replacing call is not cached, and a delete meanwhile is not undone', async () => {
    let now = 0;
    const cache = new ReadCache<number>({ ttlMs: 2000, graceMs: 1000, now: () => now });
    expect(await cache.get('m', async () => 1)).toBe(1);
    now = 2500;
    let fail: (e: Error) => void = () => {};
    expect(await cache.get('m', () => new Promise<number>((_, reject) => (fail = reject)))).toBe(1);
    fail(new Error('down'));
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('m', async () => 2)).toBe(1); // still the old one; this call tried again
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('m', async () => 9)).toBe(2);
    now = 5000;
    let finish: (v: number) => void = () => {};
    expect(await cache.get('m', () => new Promise<number>((resolve) => (finish = resolve)))).toBe(2);
    cache.delete('m'); // the bot started or ended the meeting
    finish(3);
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('m', async () => 4)).toBe(4);
  });
});
