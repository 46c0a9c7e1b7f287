// Where private content may go (issue 9, item 1): only into the DM the bot created for the user,
// checked again before each send. Invited or knocking people, a public join rule, a pending
// third-party invite or world-readable history make a room shared, however few have joined.
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixWorld } from '../fakes/matrix-world.ts';
import { invite, knock, setHistoryVisibility, setJoinRule, thirdPartyInvite } from '../fakes/matrix-room-rules.ts';
import { ADMIN, bodies, botDm, isPrivateRoom, SAM, startHarness, TINA, until, type Harness } from './harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';

const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const EVE = '@eve:school.edu';
let h: Harness | undefined;
let real: RealMatrixBot | undefined;
afterEach(async () => {
  await h?.close();
  await real?.close();
  h = undefined;
  real = undefined;
});

function moderatorLinks(world: MatrixWorld, roomId: string): number {
  return world.sentBy(roomId).filter((s) => /role=MODERATOR/.test(JSON.stringify(s.content))).length;
}

describe('matrix: private content goes only to the DM the bot created', () => {
  it('class room with only the teacher and the bot joined and a student invited: the moderator link goes to the teacher\'s DM (real core)', async () => {
    real = await startRealMatrixBot();
    const world = real.hs.world;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [{ userId: ADMIN, displayName: 'Ada Admin' }, { userId: TINA, displayName: 'Tina Teacher' }],
    });
    for (const text of ['!conference config link MATH101 Algebra', '!conference config teacher add @tina:school.edu']) {
      const before = world.sentBy(room).length;
      world.sendText(room, ADMIN, text);
      await until(() => world.sentBy(room).length > before, text);
    }
    invite(world, room, ADMIN, SAM);
    world.setMembership(room, ADMIN, 'leave');
    expect(world.joinedMembers(room).sort()).toEqual([world.botUserId, TINA].sort());

    const before = world.sentBy(room).length;
    world.sendText(room, TINA, '!conference start');
    await until(() => world.sent.some((s) => s.roomId !== room && /role=MODERATOR/.test(JSON.stringify(s.content))), 'moderator link');
    await until(() => world.sentBy(room).length >= before + 2, 'announcement and DM notice');
    expect(moderatorLinks(world, room)).toBe(0);
    const dm = real.bot.app.state.get('matrix-dm', TINA) ?? '';
    expect(dm).not.toBe(room);
    expect(isPrivateRoom(world, dm)).toBe(true);
    expect(moderatorLinks(world, dm)).toBe(1);
    expect(bodies(world, room).at(-1)).toBe(`${TINA}: I sent you a direct message (accept my invitation to read it).`);
  });

  it('config server typed in a room the user made with only the bot is treated as public: redacted, refused', async () => {
    h = await startHarness();
    const { world } = h;
    const theirs = world.createRoom({ members: [{ userId: ADMIN, displayName: 'Ada Admin' }], botPowerLevel: 50 });
    const cmd = world.sendText(theirs, ADMIN, `!conference config server https://bbb.school.edu/bigbluebutton/ ${SECRET}`);
    await until(() => bodies(world, theirs).length >= 1, 'warning');
    expect(world.redactions.map((r) => r.eventId)).toEqual([cmd]);
    expect(h.app.invocations).toEqual([]);
    expect(bodies(world, theirs)[0]).toContain('bbb-conf --setsecret');
  });

  it('a record left by an older version that points at a room the user made is not trusted', async () => {
    h = await startHarness();
    const { world } = h;
    const theirs = world.createRoom({ members: [{ userId: SAM, displayName: 'Sam Student' }], botPowerLevel: 50 });
    h.app.state.set('matrix-dm', SAM, theirs); // older versions recorded rooms users invited the bot to
    world.sendText(theirs, SAM, '!conference join');
    await until(() => (h?.app.state.get('matrix-dm', SAM) ?? theirs) !== theirs, 'a DM of its own');
    const fresh = h.app.state.get('matrix-dm', SAM) ?? '';
    await until(() => bodies(world, fresh).length === 1, 'link in the new DM');
    expect(JSON.stringify(world.sentBy(theirs))).not.toContain('api/join');
    expect(h.app.invocations[0]?.room.isDirect).toBe(false);
  });

  const breakers: [string, (world: MatrixWorld, dm: string) => void][] = [
    ['a third person invited', (w, dm) => invite(w, dm, w.botUserId, EVE)],
    ['a third person joined', (w, dm) => w.setMembership(dm, EVE, 'join')],
    ['a knock (join rule knock)', (w, dm) => (setJoinRule(w, dm, w.botUserId, 'knock'), knock(w, dm, EVE))],
    ['join rule public', (w, dm) => setJoinRule(w, dm, w.botUserId, 'public')],
    ['join rule restricted', (w, dm) => setJoinRule(w, dm, w.botUserId, 'restricted')],
    ['a pending third-party invite', (w, dm) => thirdPartyInvite(w, dm, w.botUserId, 'eve@example.org')],
    ['world-readable history', (w, dm) => setHistoryVisibility(w, dm, w.botUserId, 'world_readable')],
    ['the user left', (w, dm) => w.setMembership(dm, SAM, 'leave')],
  ];

  it.each(breakers)('a bot-made DM with %s is shared: links go to a new DM, a secret typed there is refused', async (_, breakIt) => {
    h = await startHarness();
    const { world } = h;
    const dm = await botDm(h, SAM, 'Sam Student');
    breakIt(world, dm);
    world.sendText(dm, SAM, '!conference join');
    await until(() => (h?.app.state.get('matrix-dm', SAM) ?? dm) !== dm, 'a new DM');
    const fresh = h.app.state.get('matrix-dm', SAM) ?? '';
    await until(() => bodies(world, fresh).length === 1, 'link in the new DM');
    expect(fresh).not.toBe(dm);
    expect(bodies(world, fresh)[0]).toContain('role=VIEWER');
    expect(JSON.stringify(world.sentBy(dm))).not.toContain('api/join');
    expect(h.app.invocations[0]?.room.isDirect).toBe(false);

    if (world.membership(dm, SAM) !== 'join') return; // a user who left cannot type there
    const cmd = world.sendText(dm, SAM, `!conference config server https://x ${SECRET}`);
    await until(() => world.redactions.length === 1, 'redaction');
    expect(world.redactions[0]?.eventId).toBe(cmd);
    expect(h.app.invocations).toHaveLength(1);
  });

  it('the rule is checked again before each send: a DM that turns shared after the command gets nothing', async () => {
    h = await startHarness({
      script: (inv) => {
        if (inv.text === 'join') invite(hw(), inv.room.id, hw().botUserId, EVE); // changes while the core works
        return [{ audience: 'user', text: 'Your link:', links: [{ url: 'https://bbb.school.edu/bigbluebutton/api/join?z=1', label: 'Join', kind: 'join-viewer' }] }];
      },
    });
    const hw = (): MatrixWorld => (h as Harness).world;
    const { world } = h;
    const dm = await botDm(h, SAM, 'Sam Student');
    world.sendText(dm, SAM, '!conference join');
    await until(() => (h?.app.state.get('matrix-dm', SAM) ?? dm) !== dm, 'a new DM');
    const fresh = h.app.state.get('matrix-dm', SAM) ?? '';
    await until(() => bodies(world, fresh).length === 1, 'link in the new DM');
    expect(h.app.invocations[0]?.room.isDirect).toBe(true); // it was private when typed
    expect(JSON.stringify(world.sentBy(dm))).not.toContain('api/join');
  });

  it('in the bot-made DM the user may not invite, change the join rule or the history (their power level is 0)', async () => {
    h = await startHarness();
    const { world } = h;
    const dm = await botDm(h, SAM, 'Sam Student');
    expect(() => invite(world, dm, SAM, EVE)).toThrow(/M_FORBIDDEN/);
    expect(() => setJoinRule(world, dm, SAM, 'public')).toThrow(/M_FORBIDDEN/);
    expect(() => setHistoryVisibility(world, dm, SAM, 'world_readable')).toThrow(/M_FORBIDDEN/);
    expect(() => thirdPartyInvite(world, dm, SAM, 'eve@example.org')).toThrow(/M_FORBIDDEN/);
    expect(isPrivateRoom(world, dm)).toBe(true);
  });
});

describe('matrix: notices name users by id and m.mentions, never by display name (issue 9, item 13)', () => {
  it('a sender whose display name is "@room" is not echoed at the start of the notice', async () => {
    h = await startHarness();
    const { world } = h;
    const room = world.createRoom({ name: 'Algebra', botPowerLevel: 50, members: [{ userId: TINA, displayName: '@room' }, { userId: SAM }] });
    world.sendText(room, TINA, '!conference join');
    await until(() => bodies(world, room).length >= 1, 'DM notice');
    const notice = world.sentBy(room)[0]?.content ?? {};
    expect(String(notice['body']).startsWith('@room')).toBe(false);
    expect(String(notice['body']).startsWith(`${TINA}: `)).toBe(true);
    expect(notice['m.mentions']).toEqual({ user_ids: [TINA] });
    expect(notice['formatted_body']).toMatch(new RegExp(`^<a href="https://matrix.to/#/${TINA}">@room</a>: `));

    world.sendText(room, TINA, `!conference config server https://x ${SECRET}`);
    await until(() => bodies(world, room).length >= 2, 'secret warning');
    const warning = world.sentBy(room)[1]?.content ?? {};
    expect(String(warning['body']).startsWith('@room')).toBe(false);
    expect(warning['m.mentions']).toEqual({ user_ids: [TINA] });
  });

  it('the core\'s room replies, which may quote a display name such as "@room", mention no one', async () => {
    h = await startHarness();
    const { world } = h;
    const room = world.createRoom({ name: 'Algebra', members: [{ userId: TINA, displayName: '@room' }, { userId: SAM }] });
    world.sendText(room, TINA, '!conference start');
    await until(() => bodies(world, room).length >= 2, 'announcement and DM notice');
    const announcement = world.sentBy(room).find((s) => String(s.content['body']).includes('started MATH101'));
    expect(announcement?.content['body']).toMatch(/^@room started/); // the core's text, quoted as is
    expect(announcement?.content['m.mentions']).toEqual({});
  });
});
