// A linked classroom for the after-the-command tests: MATH101 in room #general, tina teaches,
// everything driven through the console adapter; plus the invariants every test must keep.
import { courseScope } from '../../src/core/scope.ts';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { ConsoleLine } from '../../adapters/console/render.ts';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot, type TestBotOptions } from '../helpers/test-bot.ts';

export interface Classroom {
  bot: TestBot;
  d: Driver;
  /** BBB meeting id of MATH101 (no group). */
  meetingId: string;
}

export async function classroom(opts: TestBotOptions & { record?: boolean } = {}): Promise<Classroom> {
  const bot = await startTestBot(opts);
  const d = consoleDriver(bot);
  await d.run(
    'admin general /conference config link MATH101 Algebra',
    'admin general /conference config teacher add @tina',
    ...(opts.record ? ['admin general /conference config set record on'] : []),
  );
  return { bot, d, meetingId: bot.conference.meetingIdOf(courseScope('MATH101', '')) };
}

export { settle } from '../helpers/test-bot.ts';

/** What the summary of MATH101 and the announcement of its recording start with. */
export const SUMMARY = /^Algebra \(MATH101\) has ended\./;
export const READY = /^The recording of Algebra \(MATH101\) from /;

export const roomLines = (d: Driver, text: RegExp): ConsoleLine[] => d.all.filter((l) => l.audience === 'room' && text.test(l.text));

/** Join links only ever reach the user they are for; rooms get recording links at most; no secret anywhere. */
export function checkInvariants(c: Classroom): void {
  for (const line of c.d.all) {
    const serialized = JSON.stringify(line);
    expect(serialized).not.toContain(c.bot.bbb.secret);
    for (const url of line.links) {
      const oneTime = /\/j\/([A-Za-z0-9_-]+)$/.exec(url)?.[1]; // a one-time bot link (with PUBLIC_URL)
      const isJoin = url.includes('/join?') || oneTime !== undefined;
      if (line.audience === 'room') expect(isJoin).toBe(false);
      if (oneTime) expect(c.bot.store.joinLinks.get(createHash('sha256').update(oneTime).digest('hex'))?.userId).toBe(line.user);
      else if (isJoin) expect(new URL(url).searchParams.get('userID')).toBe(`console:${line.user}`);
    }
    if (line.audience === 'room') expect(line.text).not.toMatch(/\/join\?|\/j\//);
  }
  expect(c.bot.log.lines.join('\n')).not.toContain(c.bot.bbb.secret);
  expect(c.bot.log.lines.filter((l) => /could not post|refusing to send a join link/.test(l))).toEqual([]);
}
