// Class commands end to end through matrix-bot-sdk and the fake homeserver: start, join, end;
// links only by DM; DM reuse (m.direct) vs creation; mention as prefix; roles from power levels.
import { afterEach, describe, expect, it } from 'vitest';
import { matrixFixture } from '../fakes/matrix-fixtures.ts';
import { dmPowerLevels } from '../../adapters/matrix/dm-rule.ts';
import { bodies, botDm, classRoom, isPrivateRoom, SAM, startHarness, TINA, until, userMadeDm, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('matrix adapter: class commands', () => {
  it('start: moderator link by DM, announcement m.notice in the room (no link), replies point at the command', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    const cmd = world.sendText(room, TINA, '!conference start');
    await until(() => bodies(world, room).length >= 2, 'announcement and DM notice');

    const inv = h.app.invocations[0];
    expect(inv).toMatchObject({
      platform: 'matrix',
      user: { id: TINA, displayName: 'Tina Teacher' },
      room: { id: room, name: 'Algebra', isDirect: false },
      text: 'start',
      source: 'command',
    });
    const [announcement, dmNotice] = world.sentBy(room);
    expect(announcement?.content).toMatchObject({
      msgtype: 'm.notice',
      format: 'org.matrix.custom.html',
      'm.relates_to': { 'm.in_reply_to': { event_id: cmd } },
    });
    expect(announcement?.content['formatted_body']).toContain('started MATH101 &lt;Algebra&gt; &amp; friends.');
    expect(announcement?.content['body']).toContain('Join: type `!conference join`');
    expect(dmNotice?.content).toMatchObject({
      body: `${TINA}: I sent you a direct message (accept my invitation to read it).`,
      formatted_body: `<a href="https://matrix.to/#/${TINA}">Tina Teacher</a>: I sent you a direct message (accept my invitation to read it).`,
      'm.mentions': { user_ids: [TINA] },
    });

    expect(world.createRoomRequests).toHaveLength(1);
    const dmId = world.sent.find((s) => s.roomId !== room)?.roomId ?? '';
    expect(isPrivateRoom(world, dmId)).toBe(true);
    const dm = world.sentBy(dmId);
    expect(dm).toHaveLength(1);
    expect(dm[0]?.content['msgtype']).toBe('m.notice');
    expect(dm[0]?.content['formatted_body']).toMatch(/<a href="https:\/\/bbb\.school\.edu\/bigbluebutton\/api\/join\?[^"]*role=MODERATOR[^"]*">Join as moderator<\/a>/);
    expect(dm[0]?.content['m.relates_to']).toBeUndefined();
  });

  it('new DM: created unencrypted, is_direct, private_chat, only the bot may invite or change state; recorded', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, SAM, '!conference join');
    await until(() => bodies(world, room).length >= 1, 'DM notice');

    // matrix-bot-sdk's DM request (no m.room.encryption in initial_state), with the bot alone in power.
    expect(world.createRoomRequests).toEqual([
      {
        ...matrixFixture('createRoom-request-dm'),
        invite: [SAM],
        preset: 'private_chat',
        power_level_content_override: dmPowerLevels(world.botUserId),
      },
    ]);
    const dmId = world.sent.find((s) => s.roomId !== room)?.roomId ?? '';
    expect(isPrivateRoom(world, dmId)).toBe(true);
    expect(world.membership(dmId, SAM)).toBe('invite');
    expect(world.room(dmId)?.state.get('m.room.member|' + SAM)?.content['is_direct']).toBe(true);
    expect(world.accountData.get('m.direct')).toEqual({ [SAM]: [dmId] });
    expect(h.app.state.get('matrix-dm', SAM)).toBe(dmId);
    expect(String(world.sentBy(dmId)[0]?.content['body'])).toMatch(/role=VIEWER/);
    expect(bodies(world, room)).toEqual([`${SAM}: I sent you a direct message (accept my invitation to read it).`]);

    // A second command reuses the DM it created.
    world.sendText(room, SAM, '!conference join');
    await until(() => world.sentBy(dmId).length >= 2 && bodies(world, room).length >= 2, 'second link in the same DM');
    expect(world.createRoomRequests).toHaveLength(1);
    expect(bodies(world, room)[1]).toBe(`${SAM}: I sent you a direct message.`);
  });

  it('a bot-made DM listed in m.direct is reused; one with a third member, or made by the user, is not', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    const userMade = userMadeDm(world, SAM, 'Sam Student');
    const crowded = await botDm(h, SAM, 'Sam Student');
    world.setMembership(crowded, '@eve:school.edu', 'invite', world.botUserId);
    h.app.state.delete('matrix-dm', SAM);
    const dm = await botDm(h, SAM, 'Sam Student'); // a fresh one, since `crowded` is no longer private
    h.app.state.delete('matrix-dm', SAM); // forgotten: only m.direct lists it now
    const specExample = matrixFixture('m.direct')['content'] as Record<string, string[]>; // @bob's rooms
    world.setBotAccountData('m.direct', { ...specExample, [SAM]: [userMade, crowded, dm] });
    const created = world.createRoomRequests.length;
    world.sendText(room, SAM, '!conference join');
    await until(() => world.sentBy(dm).length >= 2, 'link in the existing DM');
    expect(world.createRoomRequests).toHaveLength(created);
    expect(world.sentBy(userMade)).toEqual([]);
    expect(world.sentBy(crowded)).toHaveLength(1); // the welcome, before eve was invited
    expect(h.app.state.get('matrix-dm', SAM)).toBe(dm);
    expect(world.accountData.get('m.direct')).toEqual({ ...specExample, [SAM]: [userMade, crowded, dm] }); // unchanged
    await until(() => bodies(world, room).length >= 1, 'room notice');
    expect(bodies(world, room)).toEqual([`${SAM}: I sent you a direct message.`]);
  });

  it('end: the room gets the notice; a command typed in the DM is answered in the DM', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference end');
    await until(() => bodies(world, room).length >= 1, 'end notice');
    expect(bodies(world, room)).toEqual(['MATH101 has ended.']);

    const dm = await botDm(h, SAM, 'Sam Student');
    const cmd = world.sendText(dm, SAM, '!conference join');
    await until(() => world.sentBy(dm).length >= 2, 'answer in the DM');
    expect(h.app.invocations.at(-1)?.room).toEqual({ id: dm, isDirect: true });
    expect(world.sentBy(dm)[1]?.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: cmd } });
    expect(world.createRoomRequests).toHaveLength(1); // the DM itself
  });

  it('a mention of the bot works as a prefix: user id, display name, matrix.to pill', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '@classbot:school.edu: status');
    world.sendText(room, TINA, 'Class Bot, help me');
    world.sendText(room, TINA, 'Class Bot: pill  test', {
      formattedBody: '<a href="https://matrix.to/#/%40classbot%3Aschool.edu">Class Bot</a>: pill &amp; test',
    });
    world.sendText(room, TINA, 'the Class Bot is nice');
    world.sendText(room, TINA, '!CONFERENCE  last');
    await until(() => h.app.invocations.length >= 4, 'four commands');
    await until(() => bodies(world, room).length >= 4, 'four echoes');
    expect(h.app.invocations.map((i) => i.text)).toEqual(['status', 'help me', 'pill & test', 'last']);
  });

  it('MATRIX_COMMAND_PREFIX changes the prefix', async () => {
    h = await startHarness({ env: { MATRIX_COMMAND_PREFIX: '!bbb' } });
    const room = classRoom(h.world);
    h.world.sendText(room, TINA, '!conference start');
    h.world.sendText(room, TINA, '!bbbstart');
    h.world.sendText(room, TINA, '!bbb end');
    await until(() => bodies(h.world, room).length >= 1, 'end notice');
    expect(h.app.invocations.map((i) => i.text)).toEqual(['end']);
  });

  it.each([
    ['true', TINA, true],
    ['true', SAM, false],
    ['false', TINA, false],
  ])('MATRIX_MODERATORS_ARE_TEACHERS=%s: %s gets isRoomModerator %s', async (flag, user, expected) => {
    h = await startHarness({ env: { MATRIX_MODERATORS_ARE_TEACHERS: flag } });
    const room = classRoom(h.world, { tinaLevel: 50 });
    h.world.sendText(room, user, '!conference whoami');
    await until(() => h.app.invocations.length === 1, 'invocation');
    expect(h.app.invocations[0]?.user.isRoomModerator).toBe(expected);
  });

  it('users_default applies to users without their own level', async () => {
    h = await startHarness({ env: { MATRIX_MODERATORS_ARE_TEACHERS: 'true' } });
    const room = classRoom(h.world);
    const pl = h.world.room(room)?.state.get('m.room.power_levels|');
    h.world.append(room, { type: 'm.room.power_levels', sender: TINA, state_key: '', content: { ...pl?.content, users_default: 50 } });
    h.world.sendText(room, SAM, '!conference whoami');
    await until(() => h.app.invocations.length === 1, 'invocation');
    expect(h.app.invocations[0]?.user.isRoomModerator).toBe(true);
  });

  it('lookupUser finds known users by profile and returns null for unknown ones', async () => {
    h = await startHarness();
    const room = classRoom(h.world);
    h.world.sendText(room, TINA, '!conference config teacher add @sam:school.edu');
    await until(() => h.app.invocations.length === 1, 'invocation');
    const lookup = h.app.invocations[0]?.lookupUser;
    expect(await lookup?.(SAM)).toEqual({ id: SAM, displayName: 'Sam Student' });
    expect(await lookup?.('@ghost:school.edu')).toBeNull();
    expect(await lookup?.('not-a-user')).toBeNull();
  });

  it('a CSV file is uploaded to the media repo and sent as m.file in the DM only', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference attendance');
    await until(() => world.sent.some((s) => s.content['msgtype'] === 'm.file'), 'm.file');
    const file = world.sent.find((s) => s.content['msgtype'] === 'm.file');
    expect(file?.roomId).not.toBe(room);
    expect(isPrivateRoom(world, file?.roomId ?? '')).toBe(true);
    expect(world.uploads).toHaveLength(1);
    expect(world.uploads[0]?.data.toString('utf8')).toBe('name,minutes\nSam,42\n');
    expect(world.uploads[0]?.filename).toBe('attendance.csv');
    expect(world.uploads[0]?.contentType).toBe('text/csv');
    expect(file?.content).toMatchObject({ body: 'attendance.csv', url: world.uploads[0]?.mxc, info: { mimetype: 'text/csv' } });
  });

  it('rate limiting (M_LIMIT_EXCEEDED) is retried after retry_after_ms', async () => {
    h = await startHarness();
    const room = classRoom(h.world);
    h.hs.rateLimitNextSends(2, 30);
    h.world.sendText(room, TINA, '!conference end');
    await until(() => bodies(h.world, room).length >= 1, 'end notice after retries');
    expect(bodies(h.world, room)).toEqual(['MATH101 has ended.']);
  });

  it('a failing core gives a short reference, logged with the error', async () => {
    h = await startHarness({
      script: () => {
        throw new Error('database is locked');
      },
    });
    const room = classRoom(h.world);
    h.world.sendText(room, TINA, '!conference start');
    await until(() => bodies(h.world, room).length >= 1, 'error notice');
    const ref = /ref ([0-9a-f]{4})/.exec(bodies(h.world, room)[0] ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(h.log.lines.some((l) => l.includes(`"ref":"${ref}"`) && l.includes('database is locked'))).toBe(true);
  });
});
