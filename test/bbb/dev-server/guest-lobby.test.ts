// The dev server's guest lobby, as bbb-web (authenticatedGuest=true) decides (issue 13):
// ASK_MODERATOR sends guests to the lobby (no participant, no seat) until a moderator admits or
// denies them; ALWAYS_ACCEPT lets them in, ALWAYS_DENY refuses them; moderators and guest=false
// joins are never asked, joins without the parameter count as authenticated users and wait too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, signedUrl } from './helpers.ts';

let server: DevBbbServer;
beforeEach(async () => {
  server = await startDevBbb();
});
afterEach(() => server.close());

const ID = 'course-guests';
const create = (guestPolicy?: string) => call(server, 'create', { meetingID: ID, name: 'Algebra', ...(guestPolicy ? { guestPolicy } : {}) });
const info = () => call(server, 'getMeetingInfo', { meetingID: ID });
const names = async (): Promise<string[]> => ((await info()).attendees?.attendee ?? []).map((a: { fullName: string }) => a.fullName);
const join = (params: Record<string, string>) => fetch(signedUrl(server, 'join', { meetingID: ID, role: 'VIEWER', ...params }), { redirect: 'manual' });

describe('guest lobby', () => {
  it('ASK_MODERATOR: the guest waits (302 to the lobby, not a participant) until a moderator admits them', async () => {
    await create('ASK_MODERATOR');
    await join({ fullName: 'Tina', role: 'MODERATOR', userID: 'tina' });
    await join({ fullName: 'Sam', userID: 'sam', guest: 'false' }); // not a guest: never asked
    const res = await join({ fullName: 'Grace', userID: 'g-1', guest: 'true' });
    expect(res.status).toBe(302);
    const lobby = res.headers.get('location')!;
    expect(lobby).toMatch(new RegExp(`^${new URL(server.url).origin}/html5client/guestWait\\?sessionToken=[a-z0-9]{16}$`));
    expect(await names()).toEqual(['Tina', 'Sam']);
    expect((await info()).participantCount).toBe('2');
    expect(server.control.guestsWaiting(ID)).toEqual([{ userId: 'g-1', fullName: 'Grace' }]);
    const waiting = await (await fetch(lobby)).text();
    expect(waiting).toContain('Grace is waiting in the guest lobby of Algebra.');
    expect(waiting).toContain('http-equiv="refresh"');

    server.control.decideGuest(ID, 'g-1', true);
    expect(server.control.guestsWaiting(ID)).toEqual([]);
    expect(await names()).toEqual(['Tina', 'Sam', 'Grace']);
    const grace = (await info()).attendees.attendee[2];
    expect(grace).toMatchObject({ userID: 'g-1', role: 'VIEWER' });
    expect(await (await fetch(lobby)).text()).toContain('Grace joined Algebra as VIEWER');
  });

  it('ASK_MODERATOR: a denied guest never enters and the lobby page says so', async () => {
    await create('ASK_MODERATOR');
    const lobby = (await join({ fullName: 'Eve', userID: 'eve', guest: 'true' })).headers.get('location')!;
    server.control.decideGuest(ID, 'eve', false);
    expect(await names()).toEqual([]);
    expect(await (await fetch(lobby)).text()).toContain('guestDeniedAccess');
    expect(() => server.control.decideGuest(ID, 'eve', true)).toThrow(/no guest eve waiting/);
  });

  it('ASK_MODERATOR: a viewer who joins without the guest parameter waits too (what guest=false is for)', async () => {
    await create('ASK_MODERATOR');
    expect((await join({ fullName: 'Al', userID: 'al' })).status).toBe(302);
    expect((await join({ fullName: 'Mo', userID: 'mo', role: 'MODERATOR' })).status).toBe(200);
    expect(server.control.guestsWaiting(ID)).toEqual([{ userId: 'al', fullName: 'Al' }]);
    expect(await names()).toEqual(['Mo']);
  });

  it('redirect=false: guestWait with guestStatus WAIT and the lobby URL', async () => {
    await create('ASK_MODERATOR');
    const xml = await call(server, 'join', { meetingID: ID, role: 'VIEWER', fullName: 'Grace', guest: 'true', redirect: 'false' });
    expect(xml).toMatchObject({ returncode: 'SUCCESS', messageKey: 'guestWait', guestStatus: 'WAIT' });
    expect(xml.url).toContain('/html5client/guestWait?sessionToken=');
    expect(server.control.guestsWaiting(ID)).toHaveLength(1);
  });

  it('ALWAYS_ACCEPT (the default) lets a guest straight in; ALWAYS_DENY refuses all but moderators and guest=false', async () => {
    await create();
    expect((await join({ fullName: 'Grace', guest: 'true' })).status).toBe(200);
    expect(await names()).toEqual(['Grace']);
    await call(server, 'end', { meetingID: ID });
    await server.control.advanceTime(60_000);
    await create('ALWAYS_DENY');
    const denied = await call(server, 'join', { meetingID: ID, role: 'VIEWER', fullName: 'Eve', guest: 'true', redirect: 'false' });
    expect(denied).toMatchObject({ returncode: 'FAILED', messageKey: 'guestDeniedAccess' });
    const plain = await call(server, 'join', { meetingID: ID, role: 'VIEWER', fullName: 'Al', redirect: 'false' });
    expect(plain).toMatchObject({ returncode: 'FAILED', messageKey: 'guestDeniedAccess' });
    expect((await join({ fullName: 'Sam', userID: 'sam', guest: 'false' })).status).toBe(200);
    expect((await join({ fullName: 'Mo', userID: 'mo', role: 'MODERATOR' })).status).toBe(200);
    expect(await names()).toEqual(['Sam', 'Mo']);
  });
});
