// Invites are accepted only from allowed users/servers; encrypted rooms get one plain notice.
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllowedInviters, inviterAllowed } from '../../adapters/matrix/invites.ts';
import { bodies, startHarness, TINA, until, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('matrix adapter: invites', () => {
  it('joins when invited from an allowed server, rejects (leaves) other inviters', async () => {
    h = await startHarness({ env: { MATRIX_ALLOWED_INVITERS: ':school.edu, @friend:other.org' } });
    const { world } = h;
    const ok = world.inviteBot({ inviter: TINA, name: 'Algebra' });
    const friend = world.inviteBot({ inviter: '@friend:other.org' });
    const stranger = world.inviteBot({ inviter: '@mallory:evil.example' });
    const lookalike = world.inviteBot({ inviter: '@mallory:notschool.edu' });
    await until(() => world.left.length === 2 && world.membership(ok, world.botUserId) === 'join', 'invites handled');
    await until(() => world.membership(friend, world.botUserId) === 'join', 'friend invite');
    expect(world.membership(stranger, world.botUserId)).toBe('leave');
    expect(world.membership(lookalike, world.botUserId)).toBe('leave');
    expect(world.sent).toEqual([]);

    // Once joined, commands work there.
    world.sendText(ok, TINA, '!conference hello');
    await until(() => bodies(world, ok).length === 1, 'echo in the joined room');
  });

  it('an empty MATRIX_ALLOWED_INVITERS rejects every invite and tells the operator what to set', async () => {
    h = await startHarness({ env: { MATRIX_ALLOWED_INVITERS: '' } });
    const { world } = h;
    const room = world.inviteBot({ inviter: TINA });
    await until(() => world.left.includes(room), 'rejected');
    expect(world.membership(room, world.botUserId)).toBe('leave');
    const warnings = h.log.lines.filter((l) => l.includes(' WARN ') && l.includes('MATRIX_ALLOWED_INVITERS is empty'));
    expect(warnings.some((l) => l.includes(TINA))).toBe(true); // at the invite, naming the inviter
    expect(warnings[0]).toContain('Set it to');
  });

  it('a DM invite (is_direct) from an allowed user is joined but not used for private messages', async () => {
    h = await startHarness();
    const { world } = h;
    const theirs = world.inviteBot({ inviter: TINA, isDirect: true });
    await until(() => world.membership(theirs, world.botUserId) === 'join', 'joined');
    await h.adapter.messenger.sendToUser(TINA, { audience: 'user', text: 'Your class starts soon.' });
    expect(world.sentBy(theirs)).toEqual([]);
    expect(world.createRoomRequests).toHaveLength(1);
    const dm = h.app.state.get('matrix-dm', TINA) ?? '';
    expect(bodies(world, dm)).toEqual(['Your class starts soon.']);
    expect(world.accountData.get('m.direct')).toEqual({ [TINA]: [dm] });
  });

  it('parses the allow-list strictly', () => {
    const allowed = parseAllowedInviters(' @a:x.org , :School.edu, school.edu, @bad ');
    expect([...allowed.users]).toEqual(['@a:x.org']);
    expect([...allowed.servers]).toEqual(['school.edu']);
    expect(allowed.invalid).toEqual(['school.edu', '@bad']);
    expect(inviterAllowed('@t:school.edu', allowed)).toBe(true);
    expect(inviterAllowed('@t:sub.school.edu', allowed)).toBe(false);
    expect(inviterAllowed('@b:x.org', allowed)).toBe(false);
  });
});

describe('matrix adapter: encrypted rooms', () => {
  it('invited to an encrypted room: joins and posts exactly one plain, unencrypted notice', async () => {
    h = await startHarness();
    const { world } = h;
    const room = world.inviteBot({ inviter: TINA, encrypted: true });
    await until(() => world.sentBy(room).length === 1, 'notice');
    world.append(room, { type: 'm.room.encrypted', sender: TINA, content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgAEn…' } });
    world.append(room, { type: 'm.room.encrypted', sender: TINA, content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgBEn…' } });
    await new Promise((r) => setTimeout(r, 200));
    const sent = world.sentBy(room);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.type).toBe('m.room.message');
    expect(sent[0]?.content).toEqual({ msgtype: 'm.notice', body: expect.stringContaining('encrypted') });
    expect(String(sent[0]?.content['body'])).toContain('encryption turned off');
    expect(h.app.state.get('matrix-encrypted-notice', room)).toBeDefined();
  });

  it('an already-joined room that turns encryption on, or shows encrypted events, gets the notice once, even across restarts', async () => {
    h = await startHarness();
    const { world } = h;
    const room = world.createRoom({ members: [{ userId: TINA }] });
    world.sendText(room, TINA, '!conference hi');
    await until(() => world.sentBy(room).length === 1, 'echo');
    const enc = { algorithm: 'm.megolm.v1.aes-sha2' };
    world.append(room, { type: 'm.room.encryption', sender: TINA, state_key: '', content: enc });
    world.append(room, { type: 'm.room.encrypted', sender: TINA, content: { ...enc, ciphertext: 'x' } });
    await until(() => world.sentBy(room).length === 2, 'notice');
    await h.restart();
    world.append(room, { type: 'm.room.encrypted', sender: TINA, content: { ...enc, ciphertext: 'y' } });
    await new Promise((r) => setTimeout(r, 250));
    expect(bodies(world, room).filter((b) => b.includes('encrypted'))).toHaveLength(1);
  });
});
