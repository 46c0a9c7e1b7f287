// The global conference and a personal room through Matrix (issue 12), end to end: the real
// Matrix adapter (matrix-bot-sdk against the fake homeserver) on the real core. Links come only in
// the bot's DMs; the announcement and the invitation in the shared room carry none.
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixWorld, SentEvent } from '../fakes/matrix-world.ts';
import { followJoinLink } from '../helpers/join-link.ts';
import { startRealMatrixBot, type RealMatrixBot } from '../matrix/real-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, isPrivateRoom, SAM, TINA, until } from '../matrix/harness.ts';

const JOIN_URL = /https?:\/\/\S+\/(?:join\?|j\/)\S+/;
let real: RealMatrixBot | undefined;
afterEach(async () => {
  if (real) expectNoJoinUrlInSharedRooms(real.hs.world);
  await real?.close();
  real = undefined;
});

function repliesTo(world: MatrixWorld, roomId: string, eventId: string): SentEvent[] {
  return world.sentBy(roomId).filter((s) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: unknown } } | undefined)?.['m.in_reply_to']?.event_id === eventId);
}

async function setUp() {
  real = await startRealMatrixBot({});
  const world = real.hs.world;
  const members = [
    { userId: ADMIN, displayName: 'Ada Admin' },
    { userId: TINA, displayName: 'Tina Teacher' },
    { userId: SAM, displayName: 'Sam Student' },
  ];
  const linked = world.createRoom({ name: 'Algebra', botPowerLevel: 50, members });
  const lobby = world.createRoom({ name: 'Lobby', botPowerLevel: 50, members }); // not linked to a course
  const command = async (roomId: string, sender: string, text: string, answers = 1): Promise<void> => {
    const eventId = world.sendText(roomId, sender, text);
    await until(() => repliesTo(world, roomId, eventId).length >= answers, `${answers} answer(s) to "${text}"`, 5_000);
  };
  const dmOf = (userId: string): string => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
  const roleIn = async (userId: string): Promise<string | null> => {
    const url = bodies(world, dmOf(userId)).map((b) => JOIN_URL.exec(b)?.[0]).filter((u) => u !== undefined).at(-1);
    if (!url) throw new Error(`no link in the DM of ${userId}`);
    return new URL(await followJoinLink(url)).searchParams.get('role');
  };
  await command(linked, ADMIN, '!conference config link MATH101 Algebra');
  await command(linked, ADMIN, '!conference config teacher add @tina:school.edu');
  return { world, linked, lobby, command, dmOf, roleIn };
}

describe('Matrix: rooms beyond the course', () => {
  it('the global conference: started from an unlinked room, announced in the chosen room without a link, links by DM', async () => {
    const { world, linked, lobby, command, dmOf, roleIn } = await setUp();
    await command(lobby, ADMIN, '!conference config global on');
    await command(linked, ADMIN, '!conference config global announce here');
    await command(lobby, ADMIN, '!conference global start'); // lobby does not announce it: only "I sent you a DM"
    expect(await roleIn(ADMIN)).toBe('MODERATOR');
    await until(() => bodies(world, linked).some((b) => b.includes('started the global conference')), 'the announcement', 5_000);
    const announcement = bodies(world, linked).find((b) => b.includes('started the global conference'))!;
    expect(announcement).toContain('!conference global join');
    expect(announcement).not.toMatch(JOIN_URL);
    expect(bodies(world, lobby).some((b) => b.includes('started the global conference'))).toBe(false);
    await command(lobby, SAM, '!conference global join');
    expect(isPrivateRoom(world, dmOf(SAM))).toBe(true);
    expect(await roleIn(SAM)).toBe('VIEWER');
  });

  it("a personal room: the invitation names the owner and says how to join; a student's link comes by DM", async () => {
    const { world, lobby, command, dmOf, roleIn } = await setUp();
    await command(lobby, ADMIN, '!conference config set personal-rooms teachers');
    await command(lobby, TINA, '!conference room start', 2); // the invitation + "I sent you a DM"
    expect(await roleIn(TINA)).toBe('MODERATOR');
    const invitation = bodies(world, lobby).find((b) => b.includes('invites you to their personal room'))!;
    expect(invitation).toContain('Tina Teacher');
    expect(invitation).toContain(`!conference room join ${TINA}`);
    expect(invitation).not.toMatch(JOIN_URL);
    await command(lobby, SAM, `!conference room join ${TINA}`);
    expect(await roleIn(SAM)).toBe('VIEWER');
    // A student may not open one here; the refusal says why, privately.
    await command(lobby, SAM, '!conference room start');
    expect(bodies(world, dmOf(SAM)).at(-1)).toBe('Here only teachers and coaches have a personal room. Ask an admin if you need one.');
  });
});
