// BBB callbacks fired by the dev server at the real HTTP adapter on loopback.
import { courseScope } from '../../src/core/scope.ts';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { signJwt } from '../../src/bbb/dev-server/callbacks.ts';
import { checkInvariants, classroom, READY, roomLines, settle, SUMMARY, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});


/** tina starts; tina and sam are seen inside by one reconciler pass. Returns the end callback URL BBB holds. */
async function runningClass(cl: Classroom): Promise<string> {
  await cl.d.run('tina general /conference start');
  cl.bot.bbb.control.addAttendee(cl.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
  cl.bot.bbb.control.addAttendee(cl.meetingId, { userId: 'console:sam', fullName: 'sam', role: 'VIEWER' });
  await cl.bot.after.reconciler.tick();
  return cl.bot.bbb.control.meeting(cl.meetingId)!.metadata.endcallbackurl!;
}

describe('meeting-ended callback', () => {
  it('carries an unguessable per-meeting token; the callback posts one summary and marks the meeting ended', async () => {
    c = await classroom({ http: true });
    const url = await runningClass(c);
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    expect(url).toBe(`${c.bot.publicUrl}/bbb/ended/${row.callbackToken}`);
    expect(row.callbackToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    await c.bot.bbb.control.endMeeting(c.meetingId); // a moderator ends it in BBB: BBB calls back
    await settle(c.bot);
    const summaries = roomLines(c.d, SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ room: 'general', user: 'bot', links: [] });
    expect(summaries[0]!.text).toMatch(/Started \d{1,2} [A-Z][a-z]+(?: \d{4})? at \d\d:\d\d, ended at \d\d:\d\d \(\d+ min\); 2 people took part\.$/);
    expect(c.bot.store.meetings.byId(row.id)).toMatchObject({ endReason: 'callback' });
    expect(c.bot.store.meetings.byId(row.id)!.endedAt).not.toBeNull();

    // BBB may call twice: the second one is answered 200 and changes nothing.
    const again = await fetch(`${url}?recordingmarks=false&meetingID=${c.meetingId}`);
    expect(again.status).toBe(200);
    await settle(c.bot);
    expect(roomLines(c.d, SUMMARY)).toHaveLength(1);
  });

  it('a forged callback (unknown token, or another meeting id) gets 404 and changes nothing', async () => {
    c = await classroom({ http: true });
    const url = await runningClass(c);
    const forged = [
      `${c.bot.publicUrl}/bbb/ended/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?recordingmarks=false&meetingID=${c.meetingId}`,
      `${c.bot.publicUrl}/bbb/ended/?meetingID=${c.meetingId}`,
      `${url}?recordingmarks=false&meetingID=someone-else`,
    ];
    for (const f of forged) expect((await fetch(f)).status).toBe(404);
    await settle(c.bot);
    expect(c.bot.store.meetings.open(courseScope('MATH101', ''))).toBeDefined();
    expect(roomLines(c.d, SUMMARY)).toEqual([]);
  });

  it('the end command announces with the summary in its own reply, and the callback that follows posts nothing', async () => {
    c = await classroom({ http: true });
    await runningClass(c);
    const replies = await c.d.run('tina general /conference end');
    expect(replies.map((r) => r.audience)).toEqual(['room']);
    expect(replies[0]!.text).toMatch(/^Algebra \(MATH101\) has ended\. .* Ended by tina\.$/);
    expect(replies[0]!.text).toMatch(SUMMARY);
    expect(replies[0]!.text).toContain('2 people took part');
    await settle(c.bot); // BBB's end callback has arrived meanwhile
    expect(roomLines(c.d, SUMMARY)).toHaveLength(1);
    expect(c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]).toMatchObject({ endReason: 'end-command' });
  });
  it('a callback that overtakes the end command waits for it: the summary stays in the command reply', async () => {
    c = await classroom({ http: true });
    const url = await runningClass(c);
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    // As if BBB's callback raced ahead of the end command's own bookkeeping.
    c.bot.after.meetingEvents.claim(row.id);
    expect((await fetch(`${url}?recordingmarks=false&meetingID=${c.meetingId}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.bot.store.meetings.open(courseScope('MATH101', ''))?.id).toBe(row.id); // the callback is waiting
    const replies = await c.d.run('tina general /conference end');
    expect(replies[0]!.text).toMatch(SUMMARY);
    await settle(c.bot);
    expect(roomLines(c.d, SUMMARY)).toHaveLength(1);
    expect(c.bot.store.meetings.byId(row.id)).toMatchObject({ endReason: 'end-command' });
  });
});

describe('recording-ready callback', () => {
  it.each(['HS256', 'HS512'] as const)('a recording signed %s is announced once, with a link per playback format', async (jwtAlgorithm) => {
    c = await classroom({ http: true, record: true, devBbb: { jwtAlgorithm } });
    await runningClass(c);
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await c.bot.bbb.control.advanceTime(50); // processing done: published, BBB posts signed_parameters
    await settle(c.bot);
    const ready = roomLines(c.d, READY);
    expect(ready).toHaveLength(1);
    const recordId = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.internalMeetingId!;
    const origin = new URL(c.bot.bbb.url).origin;
    expect(ready[0]!.links).toEqual([`${origin}/playback/presentation/2.3/${recordId}`, `${origin}/playback/video/${recordId}/`]);
    expect(c.bot.store.recordingLog.announced(recordId)).toBe(true);

    // post_publish runs once per format: another POST for the same recording posts nothing more.
    const jwt = signJwt({ meeting_id: c.meetingId, record_id: recordId }, c.bot.bbb.secret, jwtAlgorithm);
    const res = await fetch(`${c.bot.publicUrl}/bbb/recording-ready`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ signed_parameters: jwt }).toString(),
    });
    expect(res.status).toBe(202);
    await settle(c.bot);
    expect(roomLines(c.d, READY)).toHaveLength(1);
  });

  /** A published recording BBB did not call back about (callbacks off); returns its record id. */
  async function silentRecording(cl: Classroom): Promise<string> {
    await runningClass(cl);
    cl.bot.bbb.control.setCallbacks(false);
    await cl.d.run('tina general /conference end');
    await cl.bot.bbb.control.advanceTime(50);
    await settle(cl.bot);
    expect(roomLines(cl.d, READY)).toEqual([]);
    return cl.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.internalMeetingId!;
  }

  it('a bad signature gets 401 and posts nothing; GET with signed_parameters works, meeting_id may be absent', async () => {
    c = await classroom({ http: true, record: true });
    const recordId = await silentRecording(c);
    const endpoint = `${c.bot.publicUrl}/bbb/recording-ready`;
    const wrongSecret = signJwt({ meeting_id: c.meetingId, record_id: recordId }, 'not-the-secret', 'HS256');
    const hs384 = await new SignJWT({ record_id: recordId }).setProtectedHeader({ alg: 'HS384' }).sign(new TextEncoder().encode(c.bot.bbb.secret));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ record_id: recordId })).toString('base64url')}.`;
    for (const bad of [wrongSecret, hs384, unsigned, 'garbage']) {
      const res = await fetch(`${endpoint}?signed_parameters=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(401);
    }
    expect((await fetch(endpoint, { method: 'POST', body: 'nothing=here', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
    await settle(c.bot);
    expect(roomLines(c.d, READY)).toEqual([]);
    expect(c.bot.store.recordingLog.announced(recordId)).toBe(false);

    const good = signJwt({ record_id: recordId }, c.bot.bbb.secret, 'HS512');
    expect((await fetch(`${endpoint}?signed_parameters=${encodeURIComponent(good)}`)).status).toBe(202);
    await settle(c.bot);
    expect(roomLines(c.d, READY)).toHaveLength(1);
  });

  it('a signed callback about a recording of another meeting posts nothing', async () => {
    c = await classroom({ http: true, record: true });
    const recordId = await silentRecording(c);
    const jwt = signJwt({ meeting_id: 'someone-else', record_id: recordId }, c.bot.bbb.secret, 'HS256');
    const res = await fetch(`${c.bot.publicUrl}/bbb/recording-ready`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `signed_parameters=${jwt}`,
    });
    expect(res.status).toBe(202);
    await settle(c.bot);
    expect(roomLines(c.d, READY)).toEqual([]);
  });
});

describe('/healthz and /readyz', () => {
  it('/readyz says whether BBB is reachable, without naming the server or its secret; /healthz does not ask BBB', async () => {
    c = await classroom({ http: true });
    c.bot.bbb.control.injectFault({ kind: 'refuse', calls: ['version'] });
    const live = await fetch(`${c.bot.publicUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', store: true });
    const down = await fetch(`${c.bot.publicUrl}/readyz`);
    expect(down.status).toBe(503);
    const body = await down.text();
    expect(JSON.parse(body)).toEqual({ status: 'unavailable', store: true, bbb: 'unreachable', chat: {} });
    expect(body).not.toContain(c.bot.bbb.secret);
    expect(body).not.toContain('127.0.0.1');
  });
});
