// The participant limit holds when students race for the last seats: links given since BBB's
// answer count against the free seats, and near the limit BBB is asked again.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SeatLedger } from '../../src/core/seats.ts';
import type { Reply } from '../../src/core/types.ts';
import { checkInvariants, classroom, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

const joinAs = (cl: Classroom, id: string): Promise<Reply[]> =>
  cl.bot.app.handle({ platform: 'console', user: { id, displayName: id }, room: { id: 'general' }, text: 'join', source: 'command' });
const links = (replies: Reply[][]): number => replies.flat().filter((r) => (r.links ?? []).some((l) => l.kind === 'join-viewer')).length;

describe('participant limit', () => {
  it('students racing for the last seats never get more links than seats, within the cache window', async () => {
    c = await classroom();
    await c.d.run('admin general /conference config set max-participants 4', 'tina general /conference start');
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => joinAs(c!, `student${i}`)));
    expect(links(first)).toBe(3); // 4 seats, tina inside
    expect(first.flat().filter((r) => /full/i.test(r.text))).toHaveLength(7);

    // One of them opens the link; a second wave gets nothing: the two links not yet opened hold their seats.
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:student0', fullName: 'student0', role: 'VIEWER' });
    const second = await Promise.all(Array.from({ length: 5 }, (_, i) => joinAs(c!, `late${i}`)));
    expect(links(second)).toBe(0);
  });

  it('a student given a link asks again and gets their link again (their seat is theirs)', async () => {
    c = await classroom();
    await c.d.run('admin general /conference config set max-participants 2', 'tina general /conference start');
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    expect(links([await joinAs(c, 'sam')])).toBe(1);
    expect(links([await joinAs(c, 'sam')])).toBe(1);
    expect(links([await joinAs(c, 'bob')])).toBe(0);
  });
});

describe('SeatLedger', () => {
  it('never lets claims since an answer exceed the seats the answer left free', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 30 }),
        (max, insideCount, claimants) => {
          const ledger = new SeatLedger();
          const inside = Array.from({ length: Math.min(insideCount, max) }, (_, i) => ({ userId: `in${i}` }));
          const answer = { askedAt: 1000, info: { participantCount: inside.length, attendees: inside } };
          const granted = new Set<string>();
          for (const n of claimants) if (ledger.claim('m', answer, `u${n}`, max, 1000 + granted.size).left >= 1) granted.add(`u${n}`);
          expect(granted.size).toBeLessThanOrEqual(max - inside.length);
          expect(granted.size).toBe(Math.min(new Set(claimants).size, max - inside.length));
        },
      ),
      { numRuns: 200 },
    );
  });
});
