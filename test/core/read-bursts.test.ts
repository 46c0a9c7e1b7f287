// Bursts of `status` and `recordings` share BBB answers (coalesced and briefly cached, as `join`
// does), so 300 of them cost a few BBB calls, not 300; the bot's own publish drops the cached list.
// Real core, dev BBB server (its call counters), SQLite. Each command comes from its own user so
// that the per-user limits stay out of the way.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/app.ts';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { settle, startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let d: Driver;
beforeEach(async () => {
  bot = await startTestBot({ env: { BBB_POLL_SECONDS: '3600' } });
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config set record on', 'admin general /conference config teacher add @tina');
});
afterEach(async () => bot.close());

const run = (app: CoreApp, user: string, text: string) =>
  app.handle({ platform: 'console', user: { id: user, displayName: user }, room: { id: 'general' }, text });

/** 300 commands, one after another (each waits for the previous answer), from 300 users. */
async function oneByOne(text: string): Promise<{ ms: number; texts: string[] }> {
  const texts: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) texts.push((await run(bot.app, `student${i}`, text))[0]!.text);
  return { ms: performance.now() - t0, texts };
}

describe('read bursts', () => {
  it('300 status, one after another and all at once, cost a few getMeetingInfo calls', async () => {
    await d.run('tina general /conference start');
    bot.bbb.control.resetCallCounts();
    const { ms, texts } = await oneByOne('status');
    for (const t of texts) expect(t).toMatch(/^Algebra \(MATH101\): open for/);
    const calls = bot.bbb.control.callCounts().getMeetingInfo ?? 0;
    // One call per 2 s cache lifetime at most (before: one per command).
    expect(calls).toBeLessThanOrEqual(1 + Math.ceil(ms / 2000));
    expect(calls).toBeLessThan(30);

    bot.conference.forget(bot.conference.meetingIdOf(courseScope('MATH101', '')));
    bot.bbb.control.resetCallCounts();
    bot.bbb.control.setLatency(50);
    await Promise.all(Array.from({ length: 300 }, (_, i) => run(bot.app, `other${i}`, 'status')));
    expect(bot.bbb.control.callCounts().getMeetingInfo).toBe(1);
    console.log(`status: 300 one by one in ${ms.toFixed(0)} ms -> ${calls} getMeetingInfo; 300 at once -> 1`);
  });

  it('300 recordings lists cost a few getRecordings calls; a publish by the bot is seen at once', async () => {
    await d.run('tina general /conference start');
    const meetingId = bot.conference.meetingIdOf(courseScope('MATH101', ''));
    bot.bbb.control.addAttendee(meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    await d.run('tina general /conference end');
    await bot.bbb.control.advanceTime(50);
    await settle(bot);
    const recordId = bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.internalMeetingId!;
    bot.bbb.control.resetCallCounts();

    const { ms, texts } = await oneByOne('recordings');
    for (const t of texts) expect(t).toMatch(/^Recordings of Algebra \(MATH101\):\n1\. /);
    const calls = bot.bbb.control.callCounts().getRecordings ?? 0;
    expect(calls).toBeLessThanOrEqual(1 + Math.ceil(ms / 5000)); // 5 s cache lifetime (before: 300)
    expect(calls).toBeLessThan(30);

    // The bot's own change drops the cached lists: the next list shows it.
    const [hidden] = await d.run(`tina general /conference recordings unpublish ${recordId}`);
    expect(hidden!.text).toContain('is unpublished');
    expect((await run(bot.app, 'late-student', 'recordings'))[0]!.text).toBe('Algebra (MATH101) has no recordings yet.');
    const [teacher] = await d.run('tina general /conference recordings');
    expect(teacher!.text).toContain(`[unpublished (students do not see it)] id ${recordId}`);
    console.log(`recordings: 300 one by one in ${ms.toFixed(0)} ms -> ${calls} getRecordings`);
  });
});
