// Scheduled classes through Matrix (matrix-bot-sdk against the fake homeserver, real core): the
// reminder in the class room says which command to type (no buttons, no link); the automatic
// start's moderator link reaches the teacher in the bot-made DM, never the shared room.
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixWorld, SentEvent } from '../fakes/matrix-world.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, isPrivateRoom, SAM, TINA, until } from './harness.ts';
import { courseScope } from '../../src/core/scope.ts';

const JOIN_URL = /https?:\/\/\S+\/(?:join\?|j\/)\S+/;

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

function repliesTo(world: MatrixWorld, roomId: string, eventId: string): SentEvent[] {
  return world.sentBy(roomId).filter((s) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: unknown } } | undefined)?.['m.in_reply_to']?.event_id === eventId);
}

describe('Matrix: scheduled classes', () => {
  it('the reminder tells what to type; the automatic start DMs the teacher her moderator link', async () => {
    real = await startRealMatrixBot();
    const { world } = real.hs;
    const bot = real.bot;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [
        { userId: ADMIN, displayName: 'Ada Admin' },
        { userId: TINA, displayName: 'Tina Teacher' },
        { userId: SAM, displayName: 'Sam Student' },
      ],
    });
    for (const text of ['!conference config link MATH101 Algebra', '!conference config teacher add @tina:school.edu', '!conference config set timezone Europe/Madrid', '!conference config set auto-start on']) {
      const id = world.sendText(room, ADMIN, text);
      await until(() => repliesTo(world, room, id).length >= 1, `answer to "${text}"`, 5_000);
    }
    bot.store.schedules.add(courseScope('MATH101'), { days: [1], date: null, time: '09:00', minutes: 60 }, 0);

    const before = bodies(world, room).length;
    await bot.scheduler.tick(Date.parse('2027-03-29T06:50Z')); // 08:50 in Madrid, the day after the clocks went forward
    await until(() => bodies(world, room).length > before, 'the reminder', 5_000);
    const reminder = bodies(world, room).at(-1)!;
    expect(reminder).toMatch(/^Algebra \(MATH101\) starts at 09:00 \(Europe\/Madrid\), in 10 minutes\. Taught by Tina Teacher\. Want to be told when it starts\? Type !conference notify\.$/);

    await bot.scheduler.tick(Date.parse('2027-03-29T07:00Z'));
    await bot.after.idle();
    await until(() => bodies(world, room).some((b) => /has started, as scheduled/.test(b)), 'the start announcement', 5_000);
    expect(bodies(world, room).find((b) => /has started/.test(b))).toMatch(/^Algebra \(MATH101\) has started, as scheduled \(09:00–10:00, Europe\/Madrid\)\. Type !conference join/);
    // The reminder is replaced (m.replace) by "already on" with the command to join.
    await until(() => bodies(world, room).some((b) => b.startsWith('* Algebra (MATH101) is already on')), 'the reminder edited', 5_000);
    expect(bodies(world, room).find((b) => b.startsWith('* '))).toBe('* Algebra (MATH101) is already on (09:00, Europe/Madrid). Type !conference join to get your personal link.');
    const dm = () => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[TINA]?.[0] ?? '';
    await until(() => dm() !== '' && bodies(world, dm()).some((b) => JOIN_URL.test(b)), 'the moderator link in tina\'s DM', 5_000);
    expect(isPrivateRoom(world, dm())).toBe(true);
    const link = JOIN_URL.exec(bodies(world, dm()).find((b) => JOIN_URL.test(b))!)![0];
    expect(new URL(link).searchParams.get('role')).toBe('MODERATOR');
    expect((world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[SAM]).toBeUndefined(); // nothing for the student
    expectNoJoinUrlInSharedRooms(world);
  });
});
