// BBB's learning-analytics callback, sent by the dev server after a meeting ends, at the real HTTP
// adapter on loopback: exact join/leave times, the right count when BBB ended the meeting before
// any poll, and forged, expired, repeated and oversized posts.
import { courseScope } from '../../src/core/scope.ts';
import { SignJWT } from 'jose';
import { followJoinLink } from '../helpers/join-link.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { formatClockSeconds } from '../../src/core/after/time.ts';
import { checkInvariants, classroom, roomLines, settle, SUMMARY, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

/** BBB archives the events a while after the end; the tests move the dev server's clock past it. */
const ARCHIVING_MS = 60_000;
// Direct BBB links (one-time bot links off): opening a one-time link is itself recorded as a join,
// which would hide the gap between sampled and exact attendance these tests are about.
const exactClassroom = (): Promise<Classroom> =>
  classroom({ http: true, env: { HTTP_JOIN_LINK_MINUTES: '0' }, devBbb: { analyticsDelayMs: ARCHIVING_MS } });

/** Lets the end's own work finish, then BBB's events archiving: the analytics callback is sent (if enabled). */
async function archived(cl: Classroom): Promise<void> {
  await cl.bot.after.idle();
  await cl.bot.bbb.control.advanceTime(ARCHIVING_MS);
  await settle(cl.bot);
}

const EXACT = /^Algebra \(MATH101\): BigBlueButton's exact attendance has arrived/;

/** Opens a join link as the user's browser would: the dev server puts them inside. */
async function open(link: string): Promise<void> {
  const res = await fetch(link, { redirect: 'manual' });
  await res.arrayBuffer();
  expect(res.status).toBeLessThan(400);
}

/** tina starts and sam joins; both open their links. Nobody polls. */
async function twoInside(cl: Classroom): Promise<void> {
  const isLink = (u: string): boolean => u.includes('/join?') || u.includes('/j/'); // one-time bot links with PUBLIC_URL
  const [started] = await cl.d.run('tina general /conference start');
  const tinaLink = cl.d.all.find((l) => l.user === 'tina' && l.links.some(isLink))!.links.find(isLink)!;
  const [joined] = await cl.d.run('sam general /conference join');
  expect(started).toBeDefined();
  await open(await followJoinLink(tinaLink));
  await open(await followJoinLink(joined!.links.find(isLink)!));
}

const jwt = (secret: string, alg: 'HS256' | 'HS512', exp: number | undefined): Promise<string> => {
  const token = new SignJWT(exp === undefined ? {} : { exp }).setProtectedHeader({ typ: 'JWT', alg });
  return token.sign(new TextEncoder().encode(secret));
};
const inADay = (): number => Math.floor(Date.now() / 1000) + 86_400;

function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('analytics callback', () => {
  it('creates the meeting with kept events and a per-meeting analytics URL', async () => {
    c = await exactClassroom();
    await c.d.run('tina general /conference start');
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    const view = c.bot.bbb.control.meeting(c.meetingId)!;
    expect(view.metadata['analytics-callback-url']).toBe(`${c.bot.publicUrl}/bbb/analytics/${row.callbackToken}`);
    expect(view.keepEvents).toBe(true);
  });

  it('a student who stays 20 seconds appears with exact join and leave times; the summary is corrected once', async () => {
    c = await exactClassroom();
    await twoInside(c);
    const before = await c.d.run('tina general /conference report');
    expect(before[0]!.text).toMatch(/- sam: link given yes, not seen in the meeting/); // polling never saw sam
    await c.bot.bbb.control.advanceTime(20_000);
    c.bot.bbb.control.removeAttendee(c.meetingId, 'console:sam');
    const [ended] = await c.d.run('tina general /conference end');
    expect(ended!.text).toContain('1 person took part'); // the end command saw only tina inside
    await archived(c);

    const body = c.bot.bbb.control.analytics(c.meetingId) as { data: { attendees: { ext_user_id: string; joins: string[]; leaves: string[] }[] } };
    const sam = body.data.attendees.find((a) => a.ext_user_id === 'console:sam')!;
    const [joined, left] = [Date.parse(sam.joins[0]!), Date.parse(sam.leaves[0]!)];
    expect(left - joined).toBeGreaterThanOrEqual(20_000);
    expect(left - joined).toBeLessThan(25_000);
    const [report] = await c.d.run('tina general /conference report');
    const samLine = report!.text.split('\n').find((l) => l.startsWith('- sam'))!;
    expect(samLine).toContain(`${formatClockSeconds(joined, 'UTC')}–${formatClockSeconds(left, 'UTC')}`);
    expect(samLine).toMatch(/inside 0:2\d/);
    expect(report!.text).toContain("Exact times from BigBlueButton's analytics");
    expect(report!.text).toContain('2 people took part');

    const exact = roomLines(c.d, EXACT);
    expect(exact).toHaveLength(1);
    expect(exact[0]!.text).toContain('2 people took part (the summary above counted 1)');

    const [csv] = await c.d.run('tina general /conference report --csv');
    expect(csv!.text).toMatch(/exact times from BigBlueButton's analytics/);
  });

  it('report --detail: who spoke, chatted, voted, raised a hand, and who got a link but never came', async () => {
    c = await exactClassroom();
    await twoInside(c);
    await c.d.run('bob general /conference join'); // bob never opens his link
    const [early] = await c.d.run('tina general /conference report --detail');
    expect(early!.text).toMatch(/needs BigBlueButton's analytics/);
    c.bot.bbb.control.engage(c.meetingId, 'console:tina', { talk_time: 95 });
    c.bot.bbb.control.engage(c.meetingId, 'console:sam', { chats: 3, raisehand: 1, poll_votes: 1 });
    await c.d.run('tina general /conference end');
    await archived(c);
    const [detail] = await c.d.run('tina general /conference report --detail');
    expect(detail!.text.split('\n')).toEqual([
      'Engagement in Algebra (MATH101):',
      'Spoke: tina (1:35)',
      'Chatted: sam (3)',
      'Voted in polls: sam',
      'Raised a hand: sam',
      'Got a link but never came: bob',
      "Exact times from BigBlueButton's analytics, sent after the class ended.",
    ]);
    expect(detail!.audience).toBe('user');
  });

  it('a meeting BBB ended before any poll gets the right count once the analytics arrive', async () => {
    c = await exactClassroom();
    await twoInside(c);
    await c.bot.bbb.control.endMeeting(c.meetingId); // ended in BBB; the bot never polled
    await c.bot.after.idle();
    const summaries = roomLines(c.d, SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.text).toContain('0 people took part'); // what the end callback alone knows
    expect(roomLines(c.d, EXACT)).toEqual([]);
    await archived(c);
    const exact = roomLines(c.d, EXACT); // a console line cannot be edited: the one follow-up
    expect(exact).toHaveLength(1);
    expect(exact[0]!.text).toContain('2 people took part');
  });

  it('a course in two rooms: the summary is edited where the platform can, the console room gets the one follow-up', async () => {
    c = await exactClassroom();
    c.bot.store.rooms.link({ platform: 'matrix', roomId: '!algebra:school.edu', courseCode: 'MATH101', group: '' }, 'admin');
    const posted: { roomId: string; text: string }[] = [];
    const edits: { roomId: string; ref: string; text: string }[] = [];
    c.bot.app.attachMessenger({ // a platform that returns a reference for every room message and edits it
      platform: 'matrix',
      sendToRoom: async (roomId, reply) => `$event${posted.push({ roomId, text: reply.text })}`,
      sendToUser: async () => undefined,
      editRoomMessage: async (roomId, ref, reply) => void edits.push({ roomId, ref, text: reply.text }),
    });
    await twoInside(c);
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await c.bot.after.idle();
    expect(posted.map((p) => p.text)).toEqual([expect.stringContaining('0 people took part')]);
    await archived(c);
    expect(edits).toEqual([{ roomId: '!algebra:school.edu', ref: '$event1', text: posted[0]!.text.replace('0 people', '2 people') }]);
    expect(posted).toHaveLength(1); // no follow-up where the summary was edited
    expect(roomLines(c.d, EXACT).map((l) => l.text)).toEqual([expect.stringContaining('2 people took part (the summary above counted 0)')]);
  });

  it('when the end callback is lost, the analytics end the meeting with the exact count', async () => {
    c = await exactClassroom();
    await twoInside(c);
    const url = c.bot.bbb.control.meeting(c.meetingId)!.metadata['analytics-callback-url']!;
    c.bot.bbb.control.setCallbacks(false);
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await archived(c);
    expect(c.bot.store.meetings.open(courseScope('MATH101', ''))).toBeDefined();
    const body = c.bot.bbb.control.analytics(c.meetingId)!;
    expect((await post(url, body, await jwt(c.bot.bbb.secret, 'HS512', inADay()))).status).toBe(202);
    await settle(c.bot);
    expect(c.bot.store.meetings.open(courseScope('MATH101', ''))).toBeUndefined();
    const summaries = roomLines(c.d, SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.text).toContain('2 people took part');
    expect(roomLines(c.d, EXACT)).toEqual([]);
  });

  it('refuses forged, expired and unsigned posts (401), unknown meetings (404), junk (400) and oversize bodies (413); a repeat changes nothing', async () => {
    c = await exactClassroom();
    await twoInside(c);
    const url = c.bot.bbb.control.meeting(c.meetingId)!.metadata['analytics-callback-url']!;
    c.bot.bbb.control.setCallbacks(false);
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await archived(c);
    const body = c.bot.bbb.control.analytics(c.meetingId)!;
    const secret = c.bot.bbb.secret;
    const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;

    expect((await post(url, body)).status).toBe(401);
    expect((await post(url, body, await jwt('not-the-secret', 'HS512', inADay()))).status).toBe(401);
    expect((await post(url, body, await jwt(secret, 'HS512', Math.floor(Date.now() / 1000) - 60))).status).toBe(401);
    expect((await post(url, body, await jwt(secret, 'HS512', undefined))).status).toBe(401);
    const good = await jwt(secret, 'HS512', inADay());
    expect((await post(`${c.bot.publicUrl}/bbb/analytics/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, body, good)).status).toBe(404);
    expect((await post(url, { ...body, meeting_id: 'someone-else' }, good)).status).toBe(404);
    expect((await post(url, '{"meeting_id": ', good)).status).toBe(400);
    expect((await post(url, 'x'.repeat(300 * 1024), good)).status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
    await settle(c.bot);
    expect(c.bot.store.analytics.report(row.id)).toBeUndefined();

    expect((await post(url, body, await jwt(secret, 'HS256', inADay()))).status).toBe(202); // as Scalelite may sign
    await settle(c.bot);
    const stored = c.bot.store.analytics.report(row.id);
    expect(stored!.attendees.map((a) => a.extUserId).sort()).toEqual(['console:sam', 'console:tina']);
    const renamed = structuredClone(body) as { data: { attendees: { name: string }[] } };
    renamed.data.attendees[0]!.name = 'Someone Else';
    expect((await post(url, renamed, good)).status).toBe(202);
    await settle(c.bot);
    expect(c.bot.store.analytics.report(row.id)).toEqual(stored);
    expect(roomLines(c.d, SUMMARY)).toHaveLength(1);
    expect(c.bot.log.lines.join('\n')).toMatch(/analytics callback refused/);
  });
});
