// Per-user command limits through the real core (console harness, dev BBB server, SQLite): a
// user over the limit gets a polite reply and the command does not run (no BBB call); others are
// unaffected; after the window they can run again. The bucket itself: fast-check properties.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type CoreApp } from '../../src/app.ts';
import { RateLimiter } from '../../src/core/rate-limit.ts';
import type { Invocation, Platform } from '../../src/core/types.ts';
import { consoleDriver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let app: CoreApp;
let clock = 1_000_000;
beforeEach(async () => {
  bot = await startTestBot();
  await consoleDriver(bot).run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina', 'tina general /conference start');
  bot.store.rooms.link({ platform: 'slack', roomId: 'C1', courseCode: 'MATH101', group: '' }, 'UADMIN');
  // The same core, with a clock we move and the limit of the issue: 10 commands per 10 s.
  app = createApp({ ...bot.app.deps, rateLimit: { capacity: 10, windowMs: 10_000, now: () => clock } });
  bot.bbb.control.resetCallCounts();
});
afterEach(async () => bot.close());

const inv = (user: string, text: string, platform: Platform = 'slack'): Invocation =>
  ({ platform, user: { id: user, displayName: user }, room: { id: 'C1' }, text });
const run = async (user: string, text: string, platform: Platform = 'slack') => (await app.handle(inv(user, text, platform)))[0]!;
const limited = /faster than the bot can answer them\. Please wait (\d+) seconds? and try again\./;

describe('per-user command limits', () => {
  it('allows 10 commands in 10 s, then answers politely without running the command', async () => {
    for (let i = 0; i < 10; i++) expect((await run('U1', 'help')).text).not.toMatch(limited);
    bot.bbb.control.resetCallCounts();
    const refused = await run('U1', 'status');
    expect(refused).toMatchObject({ audience: 'user' });
    expect(refused.text).toMatch(limited);
    expect(Number(limited.exec(refused.text)![1])).toBe(1); // one token back each second
    expect(bot.bbb.control.callCounts()).toEqual({}); // no BBB call for a refused command
  });

  it('another user, and the same id on another platform, are unaffected', async () => {
    for (let i = 0; i < 11; i++) await run('U1', 'help');
    expect((await run('U1', 'status')).text).toMatch(limited);
    expect((await run('U2', 'status')).text).toMatch(/Algebra \(MATH101\): open for/);
    expect((await run('U1', 'help', 'matrix')).text).not.toMatch(limited);
  });

  it('admins are limited too; after the window they run again', async () => {
    for (let i = 0; i < 10; i++) await run('UADMIN', 'status');
    expect((await run('UADMIN', 'status')).text).toMatch(limited);
    clock += 3_000;
    for (let i = 0; i < 3; i++) expect((await run('UADMIN', 'status')).text).not.toMatch(limited);
    expect((await run('UADMIN', 'status')).text).toMatch(limited);
    clock += 10_000;
    for (let i = 0; i < 10; i++) expect((await run('UADMIN', 'help')).text).not.toMatch(limited);
    expect((await run('UADMIN', 'help')).text).toMatch(limited);
  });
});

describe('the token bucket', () => {
  it('never allows more than capacity + refills, and always allows a rested user a full burst', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4000 })), { maxLength: 300 }), (steps) => {
        let now = 0;
        const limiter = new RateLimiter({ capacity: 10, windowMs: 10_000, now: () => now });
        const allowed = new Map<number, number>();
        for (const [user, wait] of steps) {
          now += wait;
          if (limiter.take(`u${user}`).ok) allowed.set(user, (allowed.get(user) ?? 0) + 1);
          expect(allowed.get(user) ?? 0).toBeLessThanOrEqual(10 + Math.floor(now / 1000));
        }
        now += 10_000;
        for (let i = 0; i < 10; i++) expect(limiter.take('u0').ok).toBe(true);
        expect(limiter.take('u0').ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('by default allows a burst of 20, then one a second', () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    for (let i = 0; i < 20; i++) expect(limiter.take('u').ok).toBe(true);
    expect(limiter.take('u')).toEqual({ ok: false, retryInMs: 1000, first: true });
    expect(limiter.take('u')).toMatchObject({ ok: false, first: false });
    now += 1000;
    expect(limiter.take('u').ok).toBe(true);
    expect(limiter.take('u').ok).toBe(false);
  });

  it('keeps memory bounded: idle users are dropped, and never more than maxKeys are kept', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 10, windowMs: 10_000, now: () => now, maxKeys: 1000 });
    for (let i = 0; i < 100_000; i++) {
      now += 1;
      limiter.take(`user${i}`);
      if (i % 997 === 0) expect(limiter.size).toBeLessThanOrEqual(1000);
    }
    now += 10_000; // everyone rested: the next command clears them all
    limiter.take('late');
    expect(limiter.size).toBe(1);
    // While there is room, a busy user's bucket is kept (another user's command does not reset it).
    const small = new RateLimiter({ capacity: 2, windowMs: 10_000, now: () => now, maxKeys: 3 });
    small.take('busy');
    small.take('busy');
    expect(small.take('busy').ok).toBe(false);
    small.take('a');
    expect(small.take('busy').ok).toBe(false);
  });
});
