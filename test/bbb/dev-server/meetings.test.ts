import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, getXml, signedUrl, sum } from './helpers.ts';

let server: DevBbbServer;
beforeEach(async () => {
  server = await startDevBbb({ endPurgeMs: 1500 }); // long enough for the calls that must see the ended meeting, on a loaded machine
});
afterEach(() => server.close());

const ROOM = { meetingID: 'slack-T01-C02-room', name: 'Algebra 1', attendeePW: 'ap-secret', moderatorPW: 'mp-secret' };

async function joinPage(params: Record<string, string>): Promise<{ type: string | null; text: string }> {
  const res = await fetch(signedUrl(server, 'join', { meetingID: ROOM.meetingID, ...params }));
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type'), text: await res.text() };
}

describe('meeting lifecycle', () => {
  it('create -> not running -> join -> running -> info -> end -> forcibly ended -> purge -> new session', async () => {
    const created = await call(server, 'create', { ...ROOM, 'meta_Course-Id': 'MATH-1', meta_bad_name: 'x', meta_endCallbackUrl: 'https://bot.example/ended' });
    expect(created).toMatchObject({ returncode: 'SUCCESS', messageKey: '', hasBeenForciblyEnded: 'false', parentMeetingID: 'bbb-none' });
    expect(created.internalMeetingID).toBe(`${sum(ROOM.meetingID)}-${created.createTime}`);
    expect(created.voiceBridge).toMatch(/^\d{5}$/);
    expect((await call(server, 'isMeetingRunning', { meetingID: ROOM.meetingID })).running).toBe('false');
    const before = await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID });
    expect(before).toMatchObject({ running: 'false', hasUserJoined: 'false', participantCount: '0', endTime: '0' });

    const page = await joinPage({ fullName: 'Ada <Teacher>', role: 'moderator', userID: 'U-ada', createTime: created.createTime });
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain('Ada &lt;Teacher&gt; joined Algebra 1 as MODERATOR');
    expect(page.text).toContain('href="/dev/leave?meetingID=slack-T01-C02-room&amp;userID=U-ada"');
    expect((await call(server, 'isMeetingRunning', { meetingID: ROOM.meetingID })).running).toBe('true');

    // redirect=false: XML with the client URL; the user is inside only once that URL is opened.
    const joined = await call(server, 'join', {
      meetingID: ROOM.meetingID, fullName: 'Bob', password: ROOM.attendeePW, userID: 'U-bob', redirect: 'false', 'userdata-bbb_auto_join_audio': 'false',
    });
    expect(joined).toMatchObject({ returncode: 'SUCCESS', messageKey: 'successfullyJoined', meeting_id: created.internalMeetingID, guestStatus: 'ALLOW' });
    expect((await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID })).participantCount).toBe('1');
    const client = await fetch(joined.url);
    expect(await client.text()).toContain('Bob joined Algebra 1 as VIEWER');

    const info = await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID });
    expect(info).toMatchObject({
      returncode: 'SUCCESS', meetingName: 'Algebra 1', meetingID: ROOM.meetingID, internalMeetingID: created.internalMeetingID,
      createTime: created.createTime, voiceBridge: created.voiceBridge, attendeePW: ROOM.attendeePW, moderatorPW: ROOM.moderatorPW,
      running: 'true', hasUserJoined: 'true', recording: 'false', hasBeenForciblyEnded: 'false',
      participantCount: '2', moderatorCount: '1', endTime: '0', isBreakout: 'false',
      metadata: { 'course-id': 'MATH-1', endcallbackurl: 'https://bot.example/ended' },
    });
    expect(Number(info.startTime)).toBeGreaterThan(0);
    expect(info.attendees.attendee).toEqual([
      expect.objectContaining({ userID: 'U-ada', fullName: 'Ada <Teacher>', role: 'MODERATOR', isPresenter: 'true', customdata: '' }),
      expect.objectContaining({ userID: 'U-bob', fullName: 'Bob', role: 'VIEWER', isPresenter: 'false', customdata: { bbb_auto_join_audio: 'false' } }),
    ]);
    expect(server.control.meeting(ROOM.meetingID)?.attendees.map((a) => a.userId)).toEqual(['U-ada', 'U-bob']);

    server.control.setCallbacks(false);
    const end = await call(server, 'end', { meetingID: ROOM.meetingID });
    expect(end).toMatchObject({ returncode: 'SUCCESS', messageKey: 'sentEndMeetingRequest' });
    const ended = await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID });
    expect(ended).toMatchObject({ running: 'false', hasBeenForciblyEnded: 'true', participantCount: '0', attendees: '' });
    expect(Number(ended.endTime)).toBeGreaterThan(0);
    expect((await call(server, 'isMeetingRunning', { meetingID: ROOM.meetingID })).running).toBe('false');
    const refused = await call(server, 'join', { meetingID: ROOM.meetingID, fullName: 'Ada', role: 'MODERATOR', redirect: 'false' });
    expect(refused.messageKey).toBe('meetingForciblyEnded');
    const early = await call(server, 'create', ROOM);
    expect(early).toMatchObject({ messageKey: 'duplicateWarning', hasBeenForciblyEnded: 'true', createTime: created.createTime });

    await server.control.idle(); // purge
    expect(server.control.meeting(ROOM.meetingID)).toBeUndefined();
    expect(await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID })).toMatchObject({
      returncode: 'FAILED', messageKey: 'notFound', message: 'A meeting with that ID does not exist',
    });
    expect((await call(server, 'join', { meetingID: ROOM.meetingID, fullName: 'A', role: 'VIEWER', redirect: 'false' })).messageKey).toBe('invalidMeetingIdentifier');
    expect((await call(server, 'end', { meetingID: ROOM.meetingID })).messageKey).toBe('notFound');

    const again = await call(server, 'create', ROOM);
    expect(again).toMatchObject({ returncode: 'SUCCESS', messageKey: '', hasBeenForciblyEnded: 'false' });
    expect(Number(again.createTime)).toBeGreaterThan(Number(created.createTime));
    expect(again.internalMeetingID).not.toBe(created.internalMeetingID);
    const oldLink = await call(server, 'join', { meetingID: ROOM.meetingID, fullName: 'A', role: 'VIEWER', createTime: created.createTime, redirect: 'false' });
    expect(oldLink.messageKey).toBe('mismatchCreateTimeParam');
  });

  it('a second create answers duplicateWarning with the stored values, idNotUnique on other passwords', async () => {
    const first = await call(server, 'create', ROOM);
    const repeat = await call(server, 'create', { ...ROOM, name: 'Renamed' });
    expect(repeat).toMatchObject({ returncode: 'SUCCESS', messageKey: 'duplicateWarning', createTime: first.createTime, internalMeetingID: first.internalMeetingID });
    expect(repeat.message).toMatch(/already in existence/);
    const omitted = await call(server, 'create', { meetingID: ROOM.meetingID, name: ROOM.name });
    expect(omitted).toMatchObject({ messageKey: 'duplicateWarning', attendeePW: ROOM.attendeePW, moderatorPW: ROOM.moderatorPW });
    const other = await call(server, 'create', { ...ROOM, moderatorPW: 'other-pw' });
    expect(other).toMatchObject({ returncode: 'FAILED', messageKey: 'idNotUnique' });
    expect(other.message.trim()).toBe('A meeting already exists with that meeting ID. Please use a different meeting ID.');
  });

  it('invents 8-character passwords when none are given and keeps them on repeats', async () => {
    const first = await call(server, 'create', { meetingID: 'no-pw', name: 'No passwords' });
    expect(first.attendeePW).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(first.moderatorPW).toMatch(/^[A-Za-z0-9]{8}$/);
    const repeat = await call(server, 'create', { meetingID: 'no-pw', name: 'No passwords' });
    expect(repeat).toMatchObject({ messageKey: 'duplicateWarning', attendeePW: first.attendeePW, moderatorPW: first.moderatorPW });
  });

  it('validates create parameters like bbb-web', async () => {
    const key = async (p: Record<string, string>): Promise<string> => (await call(server, 'create', p)).messageKey;
    expect(await key({ name: 'No id' })).toBe('missingParamMeetingID');
    expect(await key({ meetingID: 'x', name: 'Short id' })).toBe('validationError');
    expect(await key({ meetingID: 'a,b', name: 'Comma' })).toBe('validationError');
    expect(await key({ meetingID: 'no-name' })).toBe('validationError');
    expect(await key({ meetingID: 'bad-bool', name: 'Bad', record: 'yes' })).toBe('validationError');
    expect(await key({ meetingID: 'bad-int', name: 'Bad', maxParticipants: 'ten' })).toBe('validationError');
    expect(await key({ meetingID: 'short-pw', name: 'Bad', attendeePW: 'a' })).toBe('invalidPassword');
    // record=1 passes validation but only the literal `true` reads as true.
    await call(server, 'create', { meetingID: 'record-one', name: 'Record one', record: '1' });
    expect((await call(server, 'getMeetingInfo', { meetingID: 'record-one' })).recording).toBe('false');
    expect(server.control.meeting('record-one')?.record).toBe(false);
  });

  it('checks join parameters: fullName, meeting, password, role, createTime', async () => {
    const created = await call(server, 'create', ROOM);
    const key = async (p: Record<string, string>): Promise<string> =>
      (await call(server, 'join', { meetingID: ROOM.meetingID, redirect: 'false', ...p })).messageKey;
    expect(await key({ role: 'VIEWER' })).toBe('missingParamFullName');
    expect(await key({ fullName: 'A', role: 'VIEWER', meetingID: 'nope' })).toBe('invalidMeetingIdentifier');
    expect(await key({ fullName: 'A', password: 'wrong' })).toBe('invalidPassword');
    expect(await key({ fullName: 'A', role: 'viewer', password: 'wrong' })).toBe('successfullyJoined');
    expect(await key({ fullName: 'A', password: ROOM.moderatorPW })).toBe('successfullyJoined');
    expect(await key({ fullName: 'A', role: 'VIEWER', createTime: '123' })).toBe('mismatchCreateTimeParam');
    expect(await key({ fullName: 'A', role: 'VIEWER', createTime: created.createTime })).toBe('successfullyJoined');
    const page = await joinPage({ fullName: 'A', password: 'wrong' });
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain('invalidPassword');
    expect(server.control.meeting(ROOM.meetingID)?.attendees).toEqual([]);
    // Moderator by password through the browser path, no userID: a generated internal id.
    await joinPage({ fullName: 'Mod', password: ROOM.moderatorPW });
    const [mod] = server.control.meeting(ROOM.meetingID)?.attendees ?? [];
    expect(mod).toMatchObject({ fullName: 'Mod', role: 'MODERATOR' });
    expect(mod?.userId).toMatch(/^w_[a-z0-9]{12}$/);
  });

  it('maxParticipants counts distinct userIDs inside; the same userID rejoining takes no new seat', async () => {
    await call(server, 'create', { ...ROOM, maxParticipants: '2' });
    await joinPage({ fullName: 'One', role: 'MODERATOR', userID: 'u1' });
    await joinPage({ fullName: 'Two', role: 'VIEWER', userID: 'u2' });
    const third = await call(server, 'join', { meetingID: ROOM.meetingID, fullName: 'Three', role: 'VIEWER', userID: 'u3', redirect: 'false' });
    expect(third.messageKey).toBe('maxParticipantsReached');
    expect((await joinPage({ fullName: 'Two again', role: 'VIEWER', userID: 'u2' })).text).toContain('Two again joined');
    expect(server.control.meeting(ROOM.meetingID)?.attendees).toHaveLength(2);
    expect(() => server.control.addAttendee(ROOM.meetingID, { userId: 'u4', fullName: 'Four', role: 'VIEWER' })).toThrow(/maxParticipantsReached/);
    // Leaving through the link of the joined page frees the seat.
    const left = await fetch(`${new URL(server.url).origin}/dev/leave?meetingID=${ROOM.meetingID}&userID=u2`);
    expect(await left.text()).toContain('Two again left Algebra 1');
    server.control.addAttendee(ROOM.meetingID, { userId: 'u4', fullName: 'Four', role: 'VIEWER' });
    const info = await call(server, 'getMeetingInfo', { meetingID: ROOM.meetingID });
    expect(info).toMatchObject({ participantCount: '2', maxUsers: '2' });
  });

  it('getMeetings lists every meeting; isMeetingRunning is false for unknown meetings', async () => {
    expect(await call(server, 'getMeetings')).toMatchObject({ returncode: 'SUCCESS', meetings: '', messageKey: 'noMeetings' });
    await call(server, 'create', ROOM);
    await call(server, 'create', { meetingID: 'second', name: 'Second' });
    const list = await call(server, 'getMeetings');
    expect(list.meetings.meeting.map((m: { meetingID: string }) => m.meetingID)).toEqual([ROOM.meetingID, 'second']);
    expect(await call(server, 'isMeetingRunning', { meetingID: 'unknown' })).toMatchObject({ returncode: 'SUCCESS', running: 'false' });
    expect((await getXml(signedUrl(server, 'getMeetingInfo', {}))).messageKey).toBe('missingParamMeetingID');
  });
});
