// The fake homeserver itself: what the adapter tests rely on behaving like a real server.
import { afterEach, describe, expect, it } from 'vitest';
import { matrixFixture } from '../fakes/matrix-fixtures.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fakes/matrix-homeserver.ts';

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
});
