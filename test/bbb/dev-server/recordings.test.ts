import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signJwt } from '../../../src/bbb/dev-server/callbacks.ts';
import { startDevBbb, type DevBbbOptions, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, DOC_SECRET, startReceiver, type Xml } from './helpers.ts';

let server: DevBbbServer | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await server?.close();
  await receiver.close();
});

async function recordedSession(options: DevBbbOptions, meetingID = 'course-42'): Promise<{ s: DevBbbServer; created: Xml }> {
  const s = await startDevBbb(options);
  server = s;
  const created = await call(s, 'create', {
    meetingID, name: 'Physics', record: 'true', autoStartRecording: 'true',
    'meta_bbb-recording-ready-url': `${receiver.url}/ready`, 'meta_gl-listed': 'true',
  });
  s.control.addAttendee(meetingID, { userId: 'u1', fullName: 'Teacher', role: 'MODERATOR' });
  s.control.addAttendee(meetingID, { userId: 'u2', fullName: 'Student', role: 'VIEWER' });
  s.control.removeAttendee(meetingID, 'u2');
  s.control.addAttendee(meetingID, { userId: 'u2', fullName: 'Student', role: 'VIEWER' });
  await call(s, 'end', { meetingID });
  return { s, created };
}

/** Verifies a compact JWS with node:crypto; returns header and payload. */
function verifyJwt(token: string, secret: string): { header: Xml; payload: Xml } {
  const [h = '', p = '', sig = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const hash = header.alg === 'HS512' ? 'sha512' : 'sha256';
  const expected = createHmac(hash, secret).update(`${h}.${p}`).digest('base64url');
  if (expected !== sig) throw new Error('bad JWT signature');
  return { header, payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) };
}

describe('recordings', () => {
  it('a recorded session yields, after processing, one published recording with two formats', async () => {
    const { s, created } = await recordedSession({ recordingProcessingMs: 60_000 });
    expect(await call(s, 'getRecordings', { meetingID: 'course-42' })).toMatchObject({ returncode: 'SUCCESS', messageKey: 'noRecordings', recordings: '' });
    const processing = await call(s, 'getRecordings', { meetingID: 'course-42', state: 'any' });
    expect(processing.recordings.recording[0]).toMatchObject({ state: 'processing', published: 'false' });
    await s.control.advanceTime(60_000);
    const r = await call(s, 'getRecordings', { meetingID: 'course-42' });
    expect(r.recordings.recording).toHaveLength(1);
    const rec = r.recordings.recording[0];
    expect(rec).toMatchObject({
      recordID: created.internalMeetingID, meetingID: 'course-42', internalMeetingID: created.internalMeetingID,
      name: 'Physics', published: 'true', state: 'published', participants: '2', startTime: created.createTime,
      metadata: { meetingId: 'course-42', meetingName: 'Physics', isBreakout: 'false', 'gl-listed': 'true', 'bbb-recording-ready-url': `${receiver.url}/ready` },
    });
    expect(Number(rec.endTime)).toBeGreaterThanOrEqual(Number(rec.startTime));
    const origin = new URL(s.url).origin;
    expect(rec.playback.format.map((f: Xml) => [f.type, f.url])).toEqual([
      ['presentation', `${origin}/playback/presentation/2.3/${created.internalMeetingID}`],
      ['video', `${origin}/playback/video/${created.internalMeetingID}/`],
    ]);
    for (const f of rec.playback.format) {
      expect(f.length).toMatch(/^\d+$/);
      expect(f.processingTime).toMatch(/^\d+$/);
      const page = await fetch(f.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Recording of Physics (${f.type})`);
    }
  });

  it('filters by recordID prefix, meetingID list, state, meta and paginates', async () => {
    const { s, created } = await recordedSession({ recordingProcessingMs: 10, callbacks: false });
    await call(s, 'create', { meetingID: 'other', name: 'Other', record: 'true', autoStartRecording: 'true', meta_term: 'fall' });
    s.control.addAttendee('other', { userId: 'u9', fullName: 'X', role: 'MODERATOR' });
    await s.control.endMeeting('other');
    await s.control.advanceTime(10);
    const ids = async (p: Record<string, string>): Promise<string[]> =>
      ((await call(s, 'getRecordings', p)).recordings.recording ?? []).map((r: Xml) => r.meetingID);
    expect(await ids({})).toEqual(['course-42', 'other']);
    expect(await ids({ meetingID: 'course-42,other' })).toEqual(['course-42', 'other']);
    expect(await ids({ meetingID: 'other' })).toEqual(['other']);
    expect(await ids({ recordID: created.internalMeetingID.slice(0, 12) })).toEqual(['course-42']);
    expect(await ids({ recordID: created.internalMeetingID, meetingID: 'other' })).toEqual(['course-42']);
    expect(await ids({ meta_term: 'fall' })).toEqual(['other']);
    expect(await ids({ state: 'unpublished' })).toEqual([]);
    expect(await ids({ offset: '1', limit: '1' })).toEqual(['other']);
    expect(await ids({ limit: '0' })).toEqual(['course-42']);
  });

  it('publishRecordings, updateRecordings and deleteRecordings change what getRecordings shows', async () => {
    const { s, created } = await recordedSession({ recordingProcessingMs: 10, callbacks: false });
    await s.control.advanceTime(10);
    const recordID = created.internalMeetingID;
    const one = async (p: Record<string, string> = {}): Promise<Xml> => (await call(s, 'getRecordings', { recordID, ...p })).recordings.recording?.[0];

    expect(await call(s, 'publishRecordings', { recordID, publish: 'false' })).toMatchObject({ returncode: 'SUCCESS', published: 'false' });
    expect(await one()).toMatchObject({ published: 'false', state: 'unpublished' });
    expect(await one({ state: 'published' })).toBeUndefined();
    expect(await call(s, 'publishRecordings', { recordID, publish: 'true' })).toMatchObject({ published: 'true' });
    expect(await one()).toMatchObject({ published: 'true', state: 'published' });

    expect(await call(s, 'updateRecordings', { recordID, meta_Title: 'Lecture 1', 'meta_gl-listed': '' })).toMatchObject({ returncode: 'SUCCESS', updated: 'true' });
    const updated = await one();
    expect(updated.metadata.title).toBe('Lecture 1');
    expect(updated.metadata).not.toHaveProperty('gl-listed');

    expect(await call(s, 'deleteRecordings', { recordID })).toMatchObject({ returncode: 'SUCCESS', deleted: 'true' });
    expect(await one()).toBeUndefined();
    expect(await one({ state: 'deleted' })).toMatchObject({ state: 'deleted', published: 'false' });

    const key = async (name: string, p: Record<string, string>): Promise<string> => (await call(s, name, p)).messageKey;
    expect(await key('publishRecordings', { publish: 'true' })).toBe('missingParamRecordID');
    expect(await key('publishRecordings', { recordID })).toBe('missingParamPublish');
    expect(await key('publishRecordings', { recordID: 'nope', publish: 'true' })).toBe('notFound');
    expect(await key('deleteRecordings', {})).toBe('missingParamRecordID');
    expect(await key('deleteRecordings', { recordID: 'nope' })).toBe('notFound');
    expect(await key('updateRecordings', { recordID: 'nope', meta_a: 'b' })).toBe('notFound');
  });

  it('no recording without marks (record=true but nobody pressed Record)', async () => {
    const s = await startDevBbb({ recordingProcessingMs: 10 });
    server = s;
    await call(s, 'create', { meetingID: 'unmarked', name: 'Unmarked', record: 'true' });
    s.control.addAttendee('unmarked', { userId: 'u1', fullName: 'One', role: 'MODERATOR' });
    await s.control.endMeeting('unmarked');
    await s.control.advanceTime(1000);
    expect((await call(s, 'getRecordings', { state: 'any' })).messageKey).toBe('noRecordings');
  });
});

describe('recording-ready callback', () => {
  it.each(['HS256', 'HS512'] as const)('POSTs signed_parameters once per format, signed %s with the secret', async (alg) => {
    const { s, created } = await recordedSession({ recordingProcessingMs: 50, jwtAlgorithm: alg });
    await s.control.idle();
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      expect(r).toMatchObject({ method: 'POST', url: '/ready', contentType: 'application/x-www-form-urlencoded' });
      const token = new URLSearchParams(r.body).get('signed_parameters') ?? '';
      const { header, payload } = verifyJwt(token, s.secret);
      expect(header).toEqual({ alg });
      expect(payload).toEqual({ meeting_id: 'course-42', record_id: created.internalMeetingID });
      expect(() => verifyJwt(token, `${s.secret}x`)).toThrow(/signature/);
    }
  });

  it('is not sent while callbacks are off', async () => {
    const { s } = await recordedSession({ recordingProcessingMs: 20 });
    s.control.setCallbacks(false);
    await s.control.idle();
    expect(receiver.received).toEqual([]);
  });

  it('signJwt reproduces the REFERENCE test vector', () => {
    const payload = { meeting_id: 'Test', record_id: '640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613' };
    expect(signJwt(payload, DOC_SECRET, 'HS256')).toBe(
      'eyJhbGciOiJIUzI1NiJ9.eyJtZWV0aW5nX2lkIjoiVGVzdCIsInJlY29yZF9pZCI6IjY0MGFiMmJhZTA3YmVkYzRjMTYzZjY3OWE3NDZmN2FiN2ZiNWQxZmEtMTUzMTE1NTgwOTYxMyJ9.qKjHXsDohlvwq2k18Jsf3q5vsIHbcvXklXSG8o8usaE',
    );
  });
});
