// Our XML must have the same element names and shapes as real BBB responses (test/fixtures/bbb).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { elementPaths, fixture, parseXml, signedUrl, type Params } from './helpers.ts';

let server: DevBbbServer;
beforeEach(async () => {
  server = await startDevBbb({ recordingProcessingMs: 10, callbacks: false });
});
afterEach(() => server.close());

async function raw(call: string, params: Params = {}): Promise<string> {
  const res = await fetch(signedUrl(server, call, params));
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  return res.text();
}

function expectSameShape(ours: string, sampleName: string): void {
  const sample = elementPaths(parseXml(fixture(sampleName)));
  expect([...elementPaths(parseXml(ours))].sort()).toEqual([...sample].sort());
}

const ROOM = { meetingID: 'shape-room', name: 'Shape room', attendeePW: 'ap', moderatorPW: 'mp' };
const SAMPLE_META = {
  'meta_bbb-origin-version': 'v1',
  'meta_bbb-origin-server-name': 'example.org',
  'meta_bbb-recording-ready-url': 'https://example.org/recording_ready',
  'meta_bbb-origin': 'greenlight',
  meta_endCallbackUrl: 'https://example.org/meeting_ended',
};

describe('responses have the shapes of the real samples', () => {
  it('version, create, duplicate, isMeetingRunning, join redirect=false, end', async () => {
    expectSameShape(await (await fetch(server.url)).text(), 'api-version.xml');
    expectSameShape(await raw('create', ROOM), 'create-success.xml');
    expectSameShape(await raw('create', ROOM), 'create-duplicateWarning.xml');
    expectSameShape(await raw('isMeetingRunning', { meetingID: ROOM.meetingID }), 'isMeetingRunning-false.xml');
    const join = await raw('join', { meetingID: ROOM.meetingID, fullName: 'A', role: 'VIEWER', redirect: 'false' });
    expectSameShape(join, 'join-redirect-false-guestStatus.xml');
    await fetch(parseXml(join).response.url);
    expectSameShape(await raw('isMeetingRunning', { meetingID: ROOM.meetingID }), 'isMeetingRunning-true.xml');
    expectSameShape(await raw('end', { meetingID: ROOM.meetingID }), 'end-success.xml');
  });

  it('getMeetingInfo and getMeetings', async () => {
    expectSameShape(await raw('getMeetings'), 'getMeetings-empty.xml');
    await raw('create', ROOM);
    expectSameShape(await raw('getMeetings'), 'getMeetings.xml');
    await raw('create', { meetingID: 'gl-room', name: "Anton G's Room", record: 'true', ...SAMPLE_META });
    server.control.addAttendee('gl-room', { userId: 'w_ftcrsyuh44oj', fullName: 'Anton G', role: 'MODERATOR' });
    expectSameShape(await raw('getMeetingInfo', { meetingID: 'gl-room' }), 'getMeetingInfo-running.xml');
  });

  it('getRecordings and the recording management calls', async () => {
    expectSameShape(await raw('getRecordings'), 'getRecordings-empty.xml');
    await raw('create', { ...ROOM, record: 'true', autoStartRecording: 'true', 'meta_gl-listed': 'false' });
    server.control.addAttendee(ROOM.meetingID, { userId: 'u1', fullName: 'Fred', role: 'MODERATOR' });
    await server.control.endMeeting(ROOM.meetingID);
    await server.control.advanceTime(10);
    const recordings = await raw('getRecordings');
    expectSameShape(recordings, 'getRecordings.xml');
    const recordID: string = parseXml(recordings).response.recordings.recording[0].recordID;
    expectSameShape(await raw('publishRecordings', { recordID, publish: 'true' }), 'publishRecordings.xml');
    expectSameShape(await raw('updateRecordings', { recordID, meta_x: 'y' }), 'updateRecordings.xml');
    expectSameShape(await raw('deleteRecordings', { recordID }), 'deleteRecordings.xml');
    expectSameShape(await raw('publishRecordings', { recordID: 'nope', publish: 'true' }), 'error-notFound-recording.xml');
  });

  it('errors: checksumError, idNotUnique, notFound', async () => {
    const checksum = await (await fetch(`${server.url}/getMeetings?checksum=${'0'.repeat(64)}`)).text();
    expectSameShape(checksum, 'error-checksum.xml');
    expect(parseXml(checksum).response).toEqual(parseXml(fixture('error-checksum.xml')).response);
    await raw('create', ROOM);
    const notUnique = await raw('create', { ...ROOM, attendeePW: 'other' });
    expectSameShape(notUnique, 'error-idNotUnique.xml');
    expect(parseXml(notUnique).response.messageKey).toBe('idNotUnique');
    expectSameShape(await raw('getMeetingInfo', { meetingID: 'nope' }), 'error-notFound-getMeetingInfo.xml');
  });
});
