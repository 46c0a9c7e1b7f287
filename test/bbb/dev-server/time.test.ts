import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, startReceiver } from './helpers.ts';

const MINUTE = 60_000;
let server: DevBbbServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  server = await startDevBbb({ endPurgeMs: 500, recordingProcessingMs: 100 });
  receiver = await startReceiver();
});
afterEach(async () => {
  await server.close();
  await receiver.close();
});

const exists = async (meetingID: string): Promise<boolean> =>
  (await call(server, 'getMeetingInfo', { meetingID })).returncode === 'SUCCESS';

describe('expiry and duration (virtual clock)', () => {
  it('ends and purges a meeting nobody joined after meetingExpireIfNoUserJoinedInMinutes (default 5)', async () => {
    await call(server, 'create', { meetingID: 'lonely', name: 'Lonely', meta_endCallbackUrl: `${receiver.url}/ended?t=tok` });
    await call(server, 'create', { meetingID: 'patient', name: 'Patient', meetingExpireIfNoUserJoinedInMinutes: '10' });
    await server.control.advanceTime(4 * MINUTE + 50_000);
    expect(await exists('lonely')).toBe(true);
    expect(receiver.received).toEqual([]);
    await server.control.advanceTime(15_000);
    expect(await call(server, 'getMeetingInfo', { meetingID: 'lonely' })).toMatchObject({ messageKey: 'notFound' });
    expect((await call(server, 'join', { meetingID: 'lonely', fullName: 'A', role: 'VIEWER', redirect: 'false' })).messageKey).toBe('invalidMeetingIdentifier');
    expect(await exists('patient')).toBe(true);
    expect(receiver.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /ended?t=tok&recordingmarks=false&meetingID=lonely']);
  });

  it('ends an emptied meeting after meetingExpireWhenLastUserLeftInMinutes (default 1)', async () => {
    await call(server, 'create', { meetingID: 'class', name: 'Class' });
    server.control.addAttendee('class', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    await server.control.advanceTime(30 * MINUTE); // busy meetings do not expire
    expect(server.control.meeting('class')?.running).toBe(true);
    server.control.removeAttendee('class', 'u1');
    expect((await call(server, 'isMeetingRunning', { meetingID: 'class' })).running).toBe('false');
    await server.control.advanceTime(55_000);
    expect(await exists('class')).toBe(true);
    await server.control.advanceTime(10_000);
    expect(await exists('class')).toBe(false);
  });

  it('meetingExpireWhenLastUserLeftInMinutes=0 disables the emptied-meeting expiry', async () => {
    await call(server, 'create', { meetingID: 'keep', name: 'Keep', meetingExpireWhenLastUserLeftInMinutes: '0' });
    server.control.addAttendee('keep', { userId: 'u1', fullName: 'One', role: 'VIEWER' });
    server.control.removeAttendee('keep', 'u1');
    await server.control.advanceTime(60 * MINUTE);
    expect(await exists('keep')).toBe(true);
  });

  it('duration ends a busy meeting N minutes after creation', async () => {
    await call(server, 'create', { meetingID: 'timed', name: 'Timed', duration: '2', meta_endCallbackUrl: `${receiver.url}/ended` });
    server.control.addAttendee('timed', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    await server.control.advanceTime(MINUTE);
    expect(server.control.meeting('timed')?.running).toBe(true);
    await server.control.advanceTime(MINUTE + 100); // ended; purge is 500 ms after the end
    const info = await call(server, 'getMeetingInfo', { meetingID: 'timed' });
    expect(info).toMatchObject({ running: 'false', hasBeenForciblyEnded: 'true', participantCount: '0' });
    expect((await call(server, 'join', { meetingID: 'timed', fullName: 'A', role: 'VIEWER', redirect: 'false' })).messageKey).toBe('meetingForciblyEnded');
    expect(receiver.received.map((r) => r.url)).toEqual(['/ended?recordingmarks=false&meetingID=timed']);
    await server.control.advanceTime(1000);
    expect(await exists('timed')).toBe(false);
  });
});

describe('end callback', () => {
  it('GETs meta_endCallbackUrl with recordingmarks and meetingID when the end API is called', async () => {
    const callbackUrl = `${receiver.url}/bbb/ended?t=a%26b`;
    await call(server, 'create', { meetingID: 'rec-room', name: 'Rec', record: 'true', autoStartRecording: 'true', meta_endCallbackUrl: callbackUrl });
    server.control.addAttendee('rec-room', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    await call(server, 'end', { meetingID: 'rec-room' });
    await server.control.idle();
    expect(receiver.received).toHaveLength(1);
    const [received] = receiver.received;
    expect(received?.method).toBe('GET');
    expect(received?.url).toBe('/bbb/ended?t=a%26b&recordingmarks=true&meetingID=rec-room');
  });

  it('says recordingmarks=false without marks, true after markRecording; fires on a moderator end too', async () => {
    await call(server, 'create', { meetingID: 'plain', name: 'Plain', record: 'true', meta_endCallbackUrl: `${receiver.url}/e` });
    await call(server, 'create', { meetingID: 'marked', name: 'Marked', record: 'true', meta_endCallbackUrl: `${receiver.url}/e` });
    expect(() => server.control.markRecording('nope')).toThrow();
    server.control.addAttendee('plain', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    server.control.addAttendee('marked', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    server.control.markRecording('marked');
    await server.control.endMeeting('plain');
    await server.control.endMeeting('marked');
    expect(receiver.received.map((r) => r.url)).toEqual([
      '/e?recordingmarks=false&meetingID=plain',
      '/e?recordingmarks=true&meetingID=marked',
    ]);
    expect(server.control.meeting('marked')).toMatchObject({ ended: true, running: false, attendees: [] });
  });

  it('sends nothing while callbacks are off', async () => {
    await call(server, 'create', { meetingID: 'quiet', name: 'Quiet', meta_endCallbackUrl: `${receiver.url}/e` });
    server.control.setCallbacks(false);
    await call(server, 'end', { meetingID: 'quiet' });
    await server.control.idle();
    expect(receiver.received).toEqual([]);
  });
});
