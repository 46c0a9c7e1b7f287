// The whole path with the real core, real SQLite and the BBB dev server: matrix-bot-sdk talking
// to the fake homeserver on one side, the dev BBB server on the other.
import { afterEach, describe, expect, it } from 'vitest';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, isPrivateRoom, SAM, TINA, until } from './harness.ts';

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

describe('Matrix end to end (real core)', () => {
  it('link, add a teacher, start, a student joins by DM link, end', async () => {
    real = await startRealMatrixBot();
    const { hs, bot } = real;
    const world = hs.world;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [
        { userId: ADMIN, displayName: 'Ada Admin' },
        { userId: TINA, displayName: 'Tina Teacher' },
        { userId: SAM, displayName: 'Sam Student' },
      ],
    });
    const inRoom = (n: number) => until(() => bodies(world, room).length >= n, `${n} messages in the room`);
    const dmOf = (userId: string) => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';

    world.sendText(room, ADMIN, '!conference config link MATH101 Algebra');
    await inRoom(1); // "I sent you a direct message" (the answer went to the admin's DM)
    world.sendText(room, ADMIN, '!conference config teacher add @tina:school.edu');
    await inRoom(2);
    expect(JSON.stringify(world.sent.map((s) => s.content['body']))).toContain('Tina Teacher'); // via lookupUser

    const before = bodies(world, room).length;
    world.sendText(room, TINA, '!conference start');
    await until(() => bodies(world, dmOf(TINA)).some((b) => b.includes('role=MODERATOR')), 'moderator link in the DM');
    await inRoom(before + 2); // announcement + DM notice
    expect(isPrivateRoom(world, dmOf(TINA))).toBe(true);
    const announcement = world.sentBy(room).slice(before).map((s) => String(s.content['body']));
    expect(announcement.join('\n')).toContain('MATH101');
    expect(announcement.join('\n').match(/!conference join/g)).toHaveLength(1); // the core's hint, not repeated

    world.sendText(room, SAM, '!conference join');
    await until(() => bodies(world, dmOf(SAM)).some((b) => b.includes('role=VIEWER')), 'viewer link in the DM');
    const viewer = bodies(world, dmOf(SAM)).find((b) => b.includes('role=VIEWER')) ?? '';
    expect(viewer).toContain(`${bot.bbb.url}/join?`);
    expect(viewer).toContain('fullName=Sam');

    world.sendText(room, TINA, '!conference end');
    await until(() => bodies(world, room).some((b) => b.includes('Ended by Tina Teacher.')), 'end notice');

    expectNoJoinUrlInSharedRooms(world);
    for (const sent of world.sentBy(room)) expect(JSON.stringify(sent.content)).not.toContain(`${bot.bbb.url}/join`);
    expect(bot.log.lines.join('\n')).not.toContain(hs.token);
  });
});
