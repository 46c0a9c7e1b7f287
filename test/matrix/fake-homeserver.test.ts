// The fake homeserver itself: what the adapter tests rely on behaving like a real server.
import { afterEach, describe, expect, it } from 'vitest';
import { matrixFixture } from '../fakes/matrix-fixtures.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fakes/matrix-homeserver.ts';
import { invite, knock, setJoinRule } from '../fakes/matrix-room-rules.ts';

let hs: FakeHomeserver;
afterEach(async () => {
  await hs.close();
});

async function call(method: string, path: string, body?: unknown, token = hs.token): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${hs.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const enc = encodeURIComponent;

describe('fake homeserver', () => {
  it('checks the Bearer token and answers errors as {errcode, error}', async () => {
    hs = await startFakeHomeserver();
    expect(await call('GET', '/_matrix/client/v3/account/whoami', undefined, 'wrong')).toEqual({
      status: 401,
      json: { errcode: 'M_UNKNOWN_TOKEN', error: 'Unrecognised access token.' },
    });
    expect((await call('GET', '/_matrix/client/v3/account/whoami')).json['user_id']).toBe(hs.botUserId);
    const missing = await call('GET', `/_matrix/client/v3/user/${enc(hs.botUserId)}/account_data/m.direct`);
    expect(missing).toEqual({ status: 404, json: matrixFixture('error-M_NOT_FOUND-account-data') });
  });

  it('/sync has the sections of the spec example, events without room_id; next_batch resumes', async () => {
    hs = await startFakeHomeserver();
    const room = hs.world.createRoom({ members: [{ userId: '@tina:school.edu' }] });
    const first = await call('GET', '/_matrix/client/v3/sync');
    const spec = matrixFixture('sync-response');
    for (const key of ['next_batch', 'account_data', 'presence', 'rooms']) expect(first.json).toHaveProperty(key);
    expect(Object.keys(first.json['rooms'] as object).sort()).toEqual(Object.keys(spec['rooms'] as object).sort());
    const joined = (first.json['rooms'] as Record<string, Record<string, Record<string, unknown>>>)['join']?.[room];
    expect(Object.keys(joined ?? {})).toEqual(expect.arrayContaining(['state', 'timeline', 'ephemeral', 'account_data']));
    const events = (joined?.['timeline'] as { events: Record<string, unknown>[] }).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => !('room_id' in e) && typeof e['event_id'] === 'string')).toBe(true);
    const since = String(first.json['next_batch']);
    const started = Date.now();
    const empty = await call('GET', `/_matrix/client/v3/sync?since=${since}&timeout=100`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90); // long-polled
    expect(empty.json['next_batch']).toBe(since);
  });

  it('state: one event returns only its content (trailing slash = empty state key); send is idempotent per txnId', async () => {
    hs = await startFakeHomeserver();
    const room = hs.world.createRoom({ members: [{ userId: '@tina:school.edu' }] });
    const pl = await call('GET', `/_matrix/client/v3/rooms/${enc(room)}/state/m.room.power_levels/`);
    expect(pl.json['users']).toEqual({ '@tina:school.edu': 100 });
    expect(pl.json).not.toHaveProperty('content');
    const path = `/_matrix/client/v3/rooms/${enc(room)}/send/m.room.message/txn1`;
    const a = await call('PUT', path, { msgtype: 'm.notice', body: 'hi' });
    const b = await call('PUT', path, { msgtype: 'm.notice', body: 'hi' });
    expect(a.json['event_id']).toBe(b.json['event_id']);
    expect(hs.world.sent).toHaveLength(1);
    const members = await call('GET', `/_matrix/client/v3/rooms/${enc(room)}/joined_members`);
    expect(Object.keys(members.json['joined'] as object).sort()).toEqual([hs.botUserId, '@tina:school.edu'].sort());
  });

  it('refuses to join without an invite (spec M_FORBIDDEN example)', async () => {
    hs = await startFakeHomeserver();
    const room = hs.world.createRoom({ members: [{ userId: '@tina:school.edu' }], botJoined: false });
    expect(await call('POST', `/_matrix/client/v3/join/${enc(room)}`, {})).toEqual({
      status: 403,
      json: matrixFixture('error-M_FORBIDDEN-join'),
    });
  });

  it('createRoom applies the preset\'s state and power_level_content_override as Synapse does (see synapse-dm.test.ts)', async () => {
    hs = await startFakeHomeserver();
    const bot = hs.botUserId;
    const override = { users: { [bot]: 100 }, invite: 100, state_default: 100 };
    const made = await call('POST', '/_matrix/client/v3/createRoom', { preset: 'private_chat', invite: ['@sam:school.edu'], power_level_content_override: override });
    const roomId = String(made.json['room_id']);
    const state = (await call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/state`)).json as unknown as { type: string; state_key: string; sender: string; content: Record<string, unknown> }[];
    const of = (type: string, key = '') => state.find((e) => e.type === type && e.state_key === key);
    expect(of('m.room.create')?.sender).toBe(bot);
    expect(of('m.room.join_rules')?.content).toEqual({ join_rule: 'invite' });
    expect(of('m.room.history_visibility')?.content).toEqual({ history_visibility: 'shared' });
    expect(of('m.room.guest_access')?.content).toEqual({ guest_access: 'can_join' });
    expect(of('m.room.power_levels')?.content).toMatchObject(override);
    expect(of('m.room.member', '@sam:school.edu')?.content['membership']).toBe('invite');

    const pub = await call('POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat' });
    const pubRule = await call('GET', `/_matrix/client/v3/rooms/${enc(String(pub.json['room_id']))}/state/m.room.join_rules/`);
    expect(pubRule.json).toEqual({ join_rule: 'public' });
  });

  it('invite needs the invite level, knock needs join rule knock, state needs its level (the spec\'s auth rules)', async () => {
    hs = await startFakeHomeserver();
    const { world } = hs;
    const room = world.createRoom({ members: [{ userId: '@tina:school.edu' }, { userId: '@sam:school.edu' }] }); // tina 100, sam 0
    expect(() => invite(world, room, '@sam:school.edu', '@eve:school.edu')).toThrow(/M_FORBIDDEN/);
    expect(() => setJoinRule(world, room, '@sam:school.edu', 'public')).toThrow(/M_FORBIDDEN/);
    expect(() => knock(world, room, '@eve:school.edu')).toThrow(/M_FORBIDDEN/); // no knock rule yet
    invite(world, room, '@tina:school.edu', '@eve:school.edu');
    expect(world.membership(room, '@eve:school.edu')).toBe('invite');
    expect(world.joinedMembers(room)).not.toContain('@eve:school.edu'); // joined_members leaves invites out
    setJoinRule(world, room, '@tina:school.edu', 'knock');
    knock(world, room, '@frank:school.edu');
    expect(world.membership(room, '@frank:school.edu')).toBe('knock');
  });
});
