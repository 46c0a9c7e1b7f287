// Under moderator-present, students waiting are told within seconds of a teacher entering, not
// at the next regular poll (BBB_POLL_SECONDS, 60 s by default): the reconciler looks at a started
// meeting every few seconds until a moderator is in, then slows down.
import { afterEach, describe, expect, it } from 'vitest';
import { checkInvariants, classroom, type Classroom } from './setup.ts';

let c: Classroom | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = stop = undefined;
});

const told = (cl: Classroom): boolean => cl.d.all.some((l) => l.user === 'sam' && /has started/.test(l.text) && l.links.some((u) => u.includes('/join?')));

async function until(check: () => boolean, limitMs: number): Promise<number> {
  const t0 = Date.now();
  while (!check() && Date.now() - t0 < limitMs) await new Promise((r) => setTimeout(r, 50));
  return Date.now() - t0;
}

describe('moderator-present', () => {
  it('tells a waiting student within a few seconds of the teacher entering, with the regular poll at 60 s', async () => {
    c = await classroom({ env: { BBB_POLL_SECONDS: '60' } });
    await c.d.run('admin general /conference config set join-policy moderator-present', 'tina general /conference start', 'sam general /conference notify');
    expect(c.bot.config.BBB_POLL_SECONDS).toBe(60);
    stop = c.bot.after.reconciler.start(c.bot.config.BBB_POLL_SECONDS * 1000); // as main.ts does
    await new Promise((r) => setTimeout(r, 300));
    expect(told(c)).toBe(false);
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    const elapsed = await until(() => told(c!), 20_000);
    expect(told(c)).toBe(true);
    expect(elapsed).toBeLessThan(12_000); // every 3 s, with room for a loaded machine
  }, 30_000);

  it('polls every few seconds only while no moderator is in: slow while the teacher is inside, fast again when they step out', async () => {
    c = await classroom({ env: { BBB_POLL_SECONDS: '60' } });
    await c.d.run('admin general /conference config set join-policy moderator-present', 'tina general /conference start');
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    await c.bot.after.reconciler.tick();
    c.bot.bbb.control.resetCallCounts();
    for (const dt of [3_500, 7_000, 10_500]) await c.bot.after.reconciler.tick(Date.now() + dt);
    expect(c.bot.bbb.control.callCounts().getMeetingInfo ?? 0).toBe(0);
    c.bot.bbb.control.removeAttendee(c.meetingId, 'console:tina'); // the teacher stepped out: back to every few seconds
    await c.bot.after.reconciler.tick(Date.now() + 61_000);
    c.bot.bbb.control.resetCallCounts();
    await c.bot.after.reconciler.tick(Date.now() + 61_000 + 3_500);
    expect(c.bot.bbb.control.callCounts().getMeetingInfo).toBe(1);
  });
});
