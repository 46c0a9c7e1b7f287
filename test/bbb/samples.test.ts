// Every real BBB answer in test/fixtures/bbb/ (byte-exact copies of shared/bbb-api/samples/)
// goes through the same parser and schemas as the client.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import * as s from '../../src/bbb/schemas.ts';
import { parseResponseXml } from '../../src/bbb/xml.ts';

const DIR = new URL('../fixtures/bbb/', import.meta.url);
const load = (name: string) => parseResponseXml(readFileSync(new URL(name, DIR), 'utf8'));
const envelope = (name: string) => s.envelopeSchema.parse(load(name));

const checks: Record<string, () => void> = {
  'api-version.xml': () => {
    expect(s.versionSchema.parse(load('api-version.xml'))).toEqual({
      version: '2.0', apiVersion: '2.0', bbbVersion: '3.0.19',
    });
  },
  'create-success.xml': () => {
    const m = s.createSchema.parse(load('create-success.xml'));
    expect(m).toEqual({
      meetingId: 'Dreammall-Entwicklung',
      internalMeetingId: '258ea7269760758304b6b8494f17e9bf69dc1efe-1718289413143',
      attendeePassword: '5ixnD4hJ',
      moderatorPassword: 'cakLrzBr',
      createTime: '1718289413143',
      voiceBridge: '09746', // string, leading zero kept
      duplicate: false,
      hasUserJoined: false,
      hasBeenForciblyEnded: false,
    });
    expect(envelope('create-success.xml')).toEqual({ returncode: 'SUCCESS', messageKey: '', message: '' });
  },
  'create-duplicateWarning.xml': () => {
    const m = s.createSchema.parse(load('create-duplicateWarning.xml'));
    expect(m.duplicate).toBe(true);
    expect(m.meetingId).toBe('Test');
    expect(m.createTime).toBe('1531155809613');
    expect(m.attendeePassword).toBe('ap');
    expect(envelope('create-duplicateWarning.xml').returncode).toBe('SUCCESS');
  },
  'deleteRecordings.xml': () => expect(s.deletedSchema.parse(load('deleteRecordings.xml'))).toBe(true),
  'publishRecordings.xml': () => expect(s.publishedSchema.parse(load('publishRecordings.xml'))).toBe(true),
  'updateRecordings.xml': () => expect(s.updatedSchema.parse(load('updateRecordings.xml'))).toBe(true),
  'end-success.xml': () => {
    const e = envelope('end-success.xml');
    expect(e.returncode).toBe('SUCCESS');
    expect(e.messageKey).toBe('sentEndMeetingRequest');
    // Newlines and double spaces squashed.
    expect(e.message).toMatch(/^A request to end the meeting was sent\. Please wait a few seconds, .* ended$/);
  },
  'error-checksum.xml': () => {
    expect(envelope('error-checksum.xml')).toEqual({
      returncode: 'FAILED', messageKey: 'checksumError', message: 'Checksums do not match',
    });
  },
  'error-checksum-legacy.xml': () => {
    expect(envelope('error-checksum-legacy.xml')).toEqual({
      returncode: 'FAILED', messageKey: 'checksumError', message: 'You did not pass the checksum security check',
    });
  },
  'error-idNotUnique.xml': () => {
    const e = envelope('error-idNotUnique.xml');
    expect(e.messageKey).toBe('idNotUnique');
    expect(e.message).toBe('A meeting already exists with that meeting ID. Please use a different meeting ID.');
  },
  'error-notFound-getMeetingInfo.xml': () => {
    const e = envelope('error-notFound-getMeetingInfo.xml');
    expect([e.returncode, e.messageKey]).toEqual(['FAILED', 'notFound']);
  },
  'error-notFound-recording.xml': () => {
    const e = envelope('error-notFound-recording.xml');
    expect([e.returncode, e.messageKey]).toEqual(['FAILED', 'notFound']);
  },
  'error-validationError-getMeetingInfo-2.4early.xml': () => {
    const e = envelope('error-validationError-getMeetingInfo-2.4early.xml');
    expect([e.returncode, e.messageKey]).toEqual(['FAILED', 'validationError']);
    expect(e.message).toContain('does not exist');
  },
  'getMeetingInfo-running-2attendees.xml': () => {
    const m = s.meetingInfoSchema.parse(load('getMeetingInfo-running-2attendees.xml'));
    expect(m.meetingId).toBe('Demo Meeting');
    expect(m.internalMeetingId).toBe('183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1531240585189');
    expect([m.running, m.hasUserJoined, m.recording, m.isBreakout]).toEqual([true, true, false, false]);
    expect([m.participantCount, m.listenerCount, m.moderatorCount, m.maxUsers]).toEqual([2, 1, 1, 20]);
    expect(m.startTime).toBe(1531240585239);
    expect(m.endTime).toBe(0);
    expect(m.voiceBridge).toBe('70066');
    expect(m.metadata).toEqual({}); // <metadata />
    expect(m.attendees.map((a) => [a.fullName, a.role, a.userId])).toEqual([
      ['stu', 'VIEWER', 'w_2wzzszfaptsp'],
      ['mod', 'MODERATOR', 'w_eo7lxnx3vwuj'],
    ]);
    expect(m.attendees[0]).toMatchObject({ isListeningOnly: true, hasVideo: false, clientType: 'FLASH', customdata: {} });
    expect(m.attendees[1]).toMatchObject({ isPresenter: true, hasJoinedVoice: true, hasVideo: true });
  },
  'getMeetingInfo-running.xml': () => {
    const m = s.meetingInfoSchema.parse(load('getMeetingInfo-running.xml'));
    expect(m.meetingName).toBe("Anton G's Room");
    expect(m.recording).toBe(true);
    // A single <attendee> is still a list; empty <customdata></customdata> -> {}.
    expect(m.attendees).toEqual([{
      userId: 'w_ftcrsyuh44oj', fullName: 'Anton G', role: 'MODERATOR', isPresenter: true,
      isListeningOnly: false, hasJoinedVoice: true, hasVideo: true, clientType: 'HTML5', customdata: {},
    }]);
    // Metadata tag names (with dashes, lower-cased by BBB) kept as they are.
    expect(m.metadata).toEqual({
      'bbb-origin-version': 'summit2024-6d8120x',
      'bbb-origin-server-name': 'test30.bigbluebutton.org',
      'bbb-recording-ready-url': 'https://test30.bigbluebutton.org/recording_ready',
      'bbb-origin': 'greenlight',
      endcallbackurl: 'https://test30.bigbluebutton.org/meeting_ended',
    });
  },
  'getMeetings.xml': () => {
    const list = s.meetingsSchema.parse(load('getMeetings.xml'));
    expect(list).toHaveLength(1); // one <meeting> -> array
    expect(list[0]).toMatchObject({ meetingName: 'Demo Meeting', running: false, attendees: [], metadata: {}, moderatorPassword: 'mp' });
  },
  'getMeetings-empty.xml': () => {
    expect(s.meetingsSchema.parse(load('getMeetings-empty.xml'))).toEqual([]);
    expect(envelope('getMeetings-empty.xml').messageKey).toBe('noMeetings');
  },
  'getRecordings.xml': () => {
    const recs = s.recordingsSchema.parse(load('getRecordings.xml'));
    expect(recs.map((r) => r.participants)).toEqual([3, 7]);
    const [first] = recs;
    expect(first).toMatchObject({
      recordId: 'ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124',
      meetingId: 'c637ba21adcd0191f48f5c4bf23fab0f96ed5c18',
      name: "Fred's Room", published: true, state: 'published',
      startTime: 1530718721124, endTime: 1530718810456,
    });
    expect(first?.metadata).toEqual({
      isBreakout: 'false', meetingName: "Fred's Room", 'gl-listed': 'false', meetingId: 'c637ba21adcd0191f48f5c4bf23fab0f96ed5c18',
    });
    expect(first?.formats.map((f) => [f.type, f.length, f.processingTime])).toEqual([['podcast', 0, 0], ['presentation', 0, 7177]]);
    expect(first?.formats[1]?.previewImages?.[0]).toEqual({
      url: 'https://demo.bigbluebutton.org/presentation/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124/presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1530718721134/thumbnails/thumb-1.png',
      alt: 'Welcome to', width: 176, height: 136,
    });
  },
  'getRecordings-multi-format.xml': () => {
    const recs = s.recordingsSchema.parse(load('getRecordings-multi-format.xml'));
    expect(recs).toHaveLength(6);
    const [first] = recs;
    expect(first?.name).toBe('SAT- Writing-Humanities (All participants)'); // CDATA
    expect(first?.internalMeetingId).toBeUndefined(); // older layout
    expect(first?.meetingId).toBe('9d287cf50490ca856ca5273bd303a7e321df6051-4-119[0]');
    expect(first?.metadata['bbb-origin-version']).toBe('2.7.7+ (Build: 20150319)');
    expect(first?.metadata['bbb-recording-tags']).toBe(''); // empty CDATA
    expect(first?.formats.map((f) => [f.type, f.length, f.size])).toEqual([['podcast', 632, 10500], ['presentation', 532, 168019]]);
    expect(first?.formats[0]?.url).toBe(
      'https://test-install.blindsidenetworks.com/podcast/f71d810b6e90a4a34ae02b8c7143e8733178578e-1462807897120/audio.ogg',
    );
    expect(first?.formats[1]?.previewImages?.map((i) => i.alt)).toEqual(['Welcome', 'Course']);
    // CDATA after a newline inside the element is trimmed.
    expect(recs[2]?.metadata['bbb-recording-name']).toBe('SAT- Polynomials and Inequalities (All participants)');
    // One <format> is still a list.
    expect(recs[1]?.formats).toEqual([{
      type: 'presentation', length: 126,
      url: 'https://test-install.blindsidenetworks.com/playback/presentation/0.9.0/playback.html?meetingId=f71d810b6e90a4a34ae02b8c7143e8733178578e-1463153001071',
    }]);
    expect(recs[4]).toMatchObject({ internalMeetingId: 'f71d810b6e90a4a34ae02b8c7143e8733178578e-1462980100026', participants: 6 });
  },
  'getRecordings-empty.xml': () => {
    expect(s.recordingsSchema.parse(load('getRecordings-empty.xml'))).toEqual([]);
    expect(envelope('getRecordings-empty.xml').messageKey).toBe('noRecordings');
  },
  'hooks-create-success.xml': () => {
    expect(envelope('hooks-create-success.xml')).toEqual({ returncode: 'SUCCESS', messageKey: '', message: '' });
    expect(load('hooks-create-success.xml')['hookID']).toBe('1');
  },
  'hooks-create-duplicate.xml': () => {
    const e = envelope('hooks-create-duplicate.xml');
    expect([e.returncode, e.messageKey]).toEqual(['SUCCESS', 'duplicateWarning']);
    expect(load('hooks-create-duplicate.xml')['hookID']).toBe('1');
  },
  'insertDocument-success.xml': () => {
    expect(envelope('insertDocument-success.xml')).toEqual({
      returncode: 'SUCCESS', messageKey: '', message: 'Presentation is being uploaded',
    });
  },
  'isMeetingRunning-true.xml': () => expect(s.runningSchema.parse(load('isMeetingRunning-true.xml'))).toBe(true),
  'isMeetingRunning-false.xml': () => expect(s.runningSchema.parse(load('isMeetingRunning-false.xml'))).toBe(false),
  'join-redirect-false.xml': () => {
    expect(envelope('join-redirect-false.xml').messageKey).toBe('successfullyJoined');
    const r = load('join-redirect-false.xml');
    expect(r['user_id']).toBe('w_euxnssffnsbs');
    expect(r['url']).toBe('https://yourserver.com/client/BigBlueButton.html?sessionToken=ai1wqj8wb6s7rnk0');
  },
  'join-redirect-false-guestStatus.xml': () => {
    expect(envelope('join-redirect-false-guestStatus.xml').messageKey).toBe('successfullyJoined');
    expect(load('join-redirect-false-guestStatus.xml')['guestStatus']).toBe('ALLOW');
  },
};

describe('BBB samples', () => {
  it('every fixture file has a check below (and every check a file)', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();
    expect(files).toEqual(Object.keys(checks).sort());
    expect(files.length).toBeGreaterThanOrEqual(27);
  });

  for (const [file, check] of Object.entries(checks)) it(file, check);

  it('the <errors><error><key> failure shape gives the first key', () => {
    const xml = `<response><returncode>FAILED</returncode><errors>
      <error><key>missingParamMeetingID</key><message>You must specify a meeting ID.</message></error>
      <error><key>checksumError</key><message>Checksums do not match</message></error>
    </errors></response>`;
    expect(s.envelopeSchema.parse(parseResponseXml(xml))).toEqual({
      returncode: 'FAILED', messageKey: 'missingParamMeetingID',
      message: 'You must specify a meeting ID.; Checksums do not match',
    });
  });

  it('a user metadata tag named like a list element stays a string', () => {
    const xml = '<response><returncode>SUCCESS</returncode><recordings><recording><recordID>r</recordID><meetingID>m</meetingID><published>false</published><state>unpublished</state><startTime>1</startTime><endTime>2</endTime><metadata><format>x</format><meeting>y</meeting></metadata><playback/></recording></recordings></response>';
    const [rec] = s.recordingsSchema.parse(parseResponseXml(xml));
    expect(rec?.metadata).toEqual({ format: 'x', meeting: 'y' });
    expect(rec?.formats).toEqual([]);
  });

  it.each([
    ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>502</title></head></html>', /malformed XML/],
    ['<html><body>Bad gateway</body></html>', /root element <html>/],
    ['not xml at all', /not XML/],
    ['', /empty/],
    ['<response><returncode>SUCC', /malformed/],
  ])('refuses non-BBB bodies: %j', (body, why) => {
    expect(() => parseResponseXml(body)).toThrow(why);
  });
});
