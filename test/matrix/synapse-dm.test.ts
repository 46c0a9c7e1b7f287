// The DM privacy rule against a real homeserver (Synapse; runs when SYNAPSE_URL is set): real
// membership (invite, knock), join rules, history visibility, third-party invites and power
// levels, with the real bot (core, SQLite, BBB dev server) and its Matrix adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../adapters/matrix/index.ts';
import { isPrivateDm, type StateEvent } from '../../adapters/matrix/dm-rule.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { eventually, HAVE_SYNAPSE, messagesFrom, paths, registerUser, SYNAPSE_URL, type SynapseUser } from './synapse.ts';

const SECRET = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0';

describe.skipIf(!HAVE_SYNAPSE)('matrix on a real homeserver (Synapse): private content only in the bot-made DM', { timeout: 60_000 }, () => {
  let botUser: SynapseUser;
  let admin: SynapseUser;
  let bot: TestBot;
  let adapter: MatrixAdapter;

  beforeAll(async () => {
    [botUser, admin] = await Promise.all([registerUser('classbot'), registerUser('admin')]);
    bot = await startTestBot({
      env: {
        MATRIX_HOMESERVER_URL: SYNAPSE_URL,
        MATRIX_ACCESS_TOKEN: botUser.token,
        MATRIX_ALLOWED_INVITERS: ':localhost',
        BOT_ADMINS: `matrix:${admin.userId}`,
        MATRIX_ENCRYPTION: 'off', // plain rooms: these tests read the DM with the plain API (E2EE: synapse-e2ee.test.ts)
      },
    });
    adapter = await createMatrixAdapter({ app: bot.app, config: bot.config, log: bot.log });
    bot.app.attachMessenger(adapter.messenger);
    await adapter.start();
  }, 60_000);

  afterAll(async () => {
    await adapter?.stop();
    await bot?.close();
  });

  /** The DM the bot makes for `user` (its first private message), accepted by the user. */
  async function botDmWith(user: SynapseUser): Promise<string> {
    await adapter.messenger.sendToUser(user.userId, { audience: 'user', text: 'Welcome.' });
    const roomId = bot.app.state.get('matrix-dm', user.userId) ?? '';
    await user.api('POST', paths.join(roomId), {});
    return roomId;
  }

  async function privateNow(roomId: string, user: SynapseUser): Promise<boolean> {
    const state = (await botUser.api('GET', paths.state(roomId))) as unknown as StateEvent[];
    return isPrivateDm(state, botUser.userId, user.userId);
  }

  async function say(user: SynapseUser, roomId: string, body: string): Promise<string> {
    return String((await user.api('PUT', paths.send(roomId), { msgtype: 'm.text', body }))['event_id']);
  }

  async function expectRefusedSecret(user: SynapseUser, roomId: string): Promise<void> {
    const eventId = await say(user, roomId, `!conference config server https://bbb.example.org/bigbluebutton/ ${SECRET}`);
    await eventually('redaction', async () => {
      const ev = await user.api('GET', paths.event(roomId, eventId));
      return Object.keys(ev['content'] as object).length === 0 ? true : undefined;
    });
    const notices = await eventually('warning', async () => {
      const sent = await messagesFrom(botUser, roomId, botUser.userId);
      return sent.some((c) => String(c['body']).includes('bbb-conf --setsecret')) ? sent : undefined;
    });
    expect(JSON.stringify(notices)).not.toContain(SECRET);
    expect(bot.log.lines.join('\n')).not.toContain(SECRET);
  }

  it('a DM the bot created is private, and its user cannot invite, open it or change its history', async () => {
    const [tina, eve] = await Promise.all([registerUser('tina'), registerUser('eve')]);
    const dm = await botDmWith(tina);
    expect(await privateNow(dm, tina)).toBe(true);
    const refused = [
      () => tina.api('POST', paths.invite(dm), { user_id: eve.userId }),
      () => tina.api('PUT', paths.state(dm, 'm.room.join_rules'), { join_rule: 'public' }),
      () => tina.api('PUT', paths.state(dm, 'm.room.history_visibility'), { history_visibility: 'world_readable' }),
      () => tina.api('PUT', paths.state(dm, 'm.room.third_party_invite', 'tok1'), { display_name: 'e…', public_key: 'abc' }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toMatchObject({ status: 403, errcode: 'M_FORBIDDEN' });
    expect(await privateNow(dm, tina)).toBe(true);
  });

  it('an invited third user makes it shared: a secret typed there is refused, the next message goes to a new DM', async () => {
    const [sam, eve] = await Promise.all([registerUser('sam'), registerUser('eve')]);
    const dm = await botDmWith(sam);
    await botUser.api('POST', paths.invite(dm), { user_id: eve.userId });
    expect(await privateNow(dm, sam)).toBe(false);
    await expectRefusedSecret(sam, dm);
    await adapter.messenger.sendToUser(sam.userId, { audience: 'user', text: 'Second.' });
    const fresh = bot.app.state.get('matrix-dm', sam.userId) ?? '';
    expect(fresh).not.toBe(dm);
    expect(await privateNow(fresh, sam)).toBe(true);
    expect((await messagesFrom(botUser, dm, botUser.userId)).map((c) => c['body'])).not.toContain('Second.');
  });

  it.each([
    ['a public join rule', 'm.room.join_rules', { join_rule: 'public' }],
    ['world-readable history', 'm.room.history_visibility', { history_visibility: 'world_readable' }],
    ['a pending third-party invite', 'm.room.third_party_invite', { display_name: 'e…@example.org', public_key: 'abc' }],
  ])('%s makes it shared', async (_, type, content) => {
    const sam = await registerUser('sam');
    const dm = await botDmWith(sam);
    await botUser.api('PUT', paths.state(dm, type, type === 'm.room.third_party_invite' ? 'tok1' : ''), content);
    expect(await privateNow(dm, sam)).toBe(false);
    await adapter.messenger.sendToUser(sam.userId, { audience: 'user', text: 'Elsewhere.' });
    expect(bot.app.state.get('matrix-dm', sam.userId)).not.toBe(dm);
  });

  it('a knock makes it shared, even after the join rule is back to invite', async () => {
    const [sam, eve] = await Promise.all([registerUser('sam'), registerUser('eve')]);
    const dm = await botDmWith(sam);
    await botUser.api('PUT', paths.state(dm, 'm.room.join_rules'), { join_rule: 'knock' });
    await eve.api('POST', paths.knock(dm), { reason: 'let me in' });
    await botUser.api('PUT', paths.state(dm, 'm.room.join_rules'), { join_rule: 'invite' });
    const member = await botUser.api('GET', paths.state(dm, 'm.room.member', eve.userId));
    expect(member['membership']).toBe('knock');
    expect(await privateNow(dm, sam)).toBe(false);
  });

  it('a room the user made with only the bot in it (is_direct) is shared: a secret typed there is refused', async () => {
    const ada = admin;
    const created = await ada.api('POST', paths.createRoom, { preset: 'trusted_private_chat', is_direct: true, invite: [botUser.userId] });
    const roomId = String(created['room_id']);
    await eventually('the bot joins', async () => {
      const m = await ada.api('GET', paths.state(roomId, 'm.room.member', botUser.userId)).catch(() => ({}));
      return (m as Record<string, unknown>)['membership'] === 'join' ? true : undefined;
    });
    const joined = await ada.api('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`);
    expect(Object.keys(joined['joined'] as object).sort()).toEqual([ada.userId, botUser.userId].sort());
    expect(await privateNow(roomId, ada)).toBe(false);
    await expectRefusedSecret(ada, roomId); // trusted_private_chat gave the bot power to redact
  });

  it('class room with only the teacher and the bot joined and a student invited: the moderator link goes to the teacher\'s DM', async () => {
    const [tina, sam] = await Promise.all([registerUser('tina'), registerUser('sam')]);
    const created = await admin.api('POST', paths.createRoom, {
      name: 'Algebra',
      preset: 'private_chat',
      invite: [botUser.userId, tina.userId],
      power_level_content_override: { users: { [admin.userId]: 100, [botUser.userId]: 50 } },
    });
    const room = String(created['room_id']);
    await tina.api('POST', paths.join(room), {});
    await eventually('the bot joins', async () => {
      const m = await admin.api('GET', paths.state(room, 'm.room.member', botUser.userId)).catch(() => ({}));
      return (m as Record<string, unknown>)['membership'] === 'join' ? true : undefined;
    });
    const answered = async (n: number): Promise<void> => {
      await eventually(`${n} answers`, async () => ((await messagesFrom(botUser, room, botUser.userId)).length >= n ? true : undefined));
    };
    await say(admin, room, '!conference config link MATH101 Algebra');
    await answered(1);
    await say(admin, room, `!conference config teacher add ${tina.userId}`);
    await answered(2);
    await admin.api('POST', paths.invite(room), { user_id: sam.userId });
    await admin.api('POST', paths.leave(room), {});
    const joined = await tina.api('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/joined_members`);
    expect(Object.keys(joined['joined'] as object).sort()).toEqual([botUser.userId, tina.userId].sort());

    await say(tina, room, '!conference start');
    const dm = await eventually('the teacher\'s DM', async () => bot.app.state.get('matrix-dm', tina.userId));
    const inDm = await eventually('moderator link in the DM', async () => {
      const sent = await messagesFrom(botUser, dm, botUser.userId);
      return sent.some((c) => /role=MODERATOR/.test(JSON.stringify(c))) ? sent : undefined;
    });
    expect(inDm.length).toBeGreaterThan(0);
    await answered(4); // the announcement and "I sent you a direct message"
    const inRoom = await messagesFrom(botUser, room, botUser.userId);
    expect(JSON.stringify(inRoom)).not.toMatch(/api\/join|role=MODERATOR/);
    const notice = inRoom.find((c) => String(c['body']).startsWith(`${tina.userId}: I sent you a direct message`));
    expect(notice, JSON.stringify(inRoom)).toMatchObject({ 'm.mentions': { user_ids: [tina.userId] } });
    expect(await privateNow(dm, tina)).toBe(true);
  });
});
