// "After the command" through Matrix, end to end: the real Matrix adapter (matrix-bot-sdk against
// the fake homeserver) on the real core (SQLite, BBB dev server, the bot's HTTP adapter for BBB's
// callbacks). Notify-me, a meeting ended in BBB (callback, or found by the reconciler), the
// recording-ready callback, and the attendance CSV as an m.file in the teacher's DM.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixWorld, SentEvent } from '../fakes/matrix-world.ts';
import { settle, type TestBot } from '../helpers/test-bot.ts';
import { followJoinLink } from '../helpers/join-link.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, isPrivateRoom, SAM, TINA, until } from './harness.ts';

const AMY = '@amy:school.edu';
const WAIT_MS = 5_000;
const MIN = 60_000;
const SUMMARY = /^Algebra \(MATH101\) has ended\. Started \d{1,2} [A-Z][a-z]+(?: \d{4})? at \d\d:\d\d, ended at \d\d:\d\d \(.+\); \d+ (person|people) took part\.$/;
const READY = /^The recording of Algebra \(MATH101\) from /;
const JOIN_URL = /https?:\/\/\S+\/(?:join\?|j\/)\S+/; // a signed BBB URL or a one-time bot link

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

interface MatrixClass {
  world: MatrixWorld;
  bot: TestBot;
  /** The shared class room (admin, tina, sam, amy and the bot). */
  room: string;
  meetingId: string;
  bbbLog: string[];
  /** Types a command in a room and waits until the bot has answered it there `answers` times (replies point at the command). */
  command(roomId: string, sender: string, text: string, answers?: number): Promise<void>;
  /** The user's DM room with the bot, from the bot's m.direct ('' when there is none). */
  dmOf(userId: string): string;
}

async function matrixClass(opts: { http?: boolean; record?: boolean } = {}): Promise<MatrixClass> {
  const bbbLog: string[] = [];
  real = await startRealMatrixBot({ devBbb: { log: (line) => bbbLog.push(line) }, ...(opts.http ? { http: true } : {}) });
  const b = real.bot;
  const world = real.hs.world;
  const room = world.createRoom({
    name: 'Algebra',
    botPowerLevel: 50,
    members: [
      { userId: ADMIN, displayName: 'Ada Admin' },
      { userId: TINA, displayName: 'Tina Teacher' },
      { userId: SAM, displayName: 'Sam Student' },
      { userId: AMY, displayName: 'Amy Student' },
    ],
  });
  const command = async (roomId: string, sender: string, text: string, answers = 1): Promise<void> => {
    const eventId = world.sendText(roomId, sender, text);
    await until(() => repliesTo(world, roomId, eventId).length >= answers, `${answers} answer(s) to "${text}"`, WAIT_MS);
  };
  const dmOf = (userId: string): string => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
  await command(room, ADMIN, '!conference config link MATH101 Algebra');
  await command(room, ADMIN, '!conference config teacher add @tina:school.edu');
  if (opts.record) await command(room, ADMIN, '!conference config set record on');
  return { world, bot: b, room, meetingId: b.conference.meetingIdOf(courseScope('MATH101', '')), bbbLog, command, dmOf };
}

function repliesTo(world: MatrixWorld, roomId: string, eventId: string): SentEvent[] {
  return world.sentBy(roomId).filter((s) => {
    const rel = s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: unknown } } | undefined;
    return rel?.['m.in_reply_to']?.event_id === eventId;
  });
}

/** The last join link in the user's DM, followed if it is a one-time bot link; it must grant `role`. */
async function linkIn(c: MatrixClass, userId: string, role: 'MODERATOR' | 'VIEWER'): Promise<string> {
  const url = bodies(c.world, c.dmOf(userId)).map((b) => JOIN_URL.exec(b)?.[0]).filter((u) => u !== undefined).at(-1);
  if (!url) throw new Error(`no link in the DM of ${userId}`);
  const direct = await followJoinLink(url);
  expect(new URL(direct).searchParams.get('role')).toBe(role);
  return direct;
}

/** tina starts the class; tina and sam open their links (the dev server lets them in). */
async function classWithTwoInside(c: MatrixClass): Promise<void> {
  await c.command(c.room, TINA, '!conference start', 2); // announcement + "I sent you a direct message"
  await c.command(c.room, SAM, '!conference join');
  for (const url of [await linkIn(c, TINA, 'MODERATOR'), await linkIn(c, SAM, 'VIEWER')]) {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  expect(c.bot.bbb.control.meeting(c.meetingId)?.attendees.map((a) => a.userId).sort()).toEqual([`matrix:${SAM}`, `matrix:${TINA}`]);
}

const roomBodies = (c: MatrixClass, re: RegExp): string[] => bodies(c.world, c.room).filter((b) => re.test(b));

/** The rules of every test: no join link in a shared room, no secret or token anywhere, nothing failed to post. */
function checkInvariants(c: MatrixClass): void {
  expectNoJoinUrlInSharedRooms(c.world);
  for (const sent of c.world.sentBy(c.room)) {
    const serialized = JSON.stringify(sent.content);
    expect(serialized).not.toContain(`${c.bot.bbb.url}/join`);
    expect(serialized).not.toMatch(/role=(MODERATOR|VIEWER)/);
  }
  for (const sent of c.world.sent) expect(JSON.stringify(sent.content)).not.toContain(c.bot.bbb.secret);
  const logs = c.bot.log.lines.join('\n');
  expect(logs).not.toContain(real!.hs.token);
  expect(logs).not.toContain(c.bot.bbb.secret);
  expect(c.bot.log.lines.filter((l) => /could not (post|deliver)|refusing to send a join link|failed/.test(l))).toEqual([]);
}

describe('after the command, through Matrix (real core)', () => {
  it('notify me: offered on a refused join, confirmed by DM, and only the student who asked gets their own VIEWER link by DM at the start', async () => {
    const c = await matrixClass();
    const { world } = c;

    await c.command(c.room, SAM, '!conference join');
    const samDm = c.dmOf(SAM);
    expect(samDm).not.toBe('');
    expect(isPrivateRoom(world, samDm)).toBe(true);
    expect(world.membership(samDm, SAM)).toBe('invite'); // the bot's DM invitation
    const refused = bodies(world, samDm);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('has not started');
    expect(refused[0]).toContain('Type !conference notify.');
    expect(refused[0]).not.toMatch(JOIN_URL);

    // amy is refused too, but does not ask to be told.
    await c.command(c.room, AMY, '!conference join');
    const amyDm = c.dmOf(AMY);
    expect(amyDm).not.toBe('');
    expect(amyDm).not.toBe(samDm);
    const amyBefore = bodies(world, amyDm).length;

    await c.command(c.room, SAM, '!conference notify');
    expect(bodies(world, samDm).at(-1)).toBe('I will tell you privately, with your link, as soon as Algebra (MATH101) starts.');
    expect(bodies(world, c.room).at(-1)).toBe(`${SAM}: I sent you a direct message.`); // the confirmation itself is in the DM
    expect(c.bot.store.waitList.list(courseScope('MATH101', '')).map((w) => [w.platform, w.userId])).toEqual([['matrix', SAM]]);

    const samBefore = bodies(world, samDm).length;
    await c.command(c.room, TINA, '!conference start', 2);
    await c.bot.after.idle(); // notify-me runs after the start reply
    await until(() => bodies(world, samDm).length > samBefore, 'the started message in sam\'s DM', WAIT_MS);
    const told = bodies(world, samDm).slice(samBefore);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^Algebra \(MATH101\) has started\. Your link to Algebra \(MATH101\) \(only for you, do not share it\):\n/);
    const url = new URL(JOIN_URL.exec(told[0]!)![0]);
    expect(`${url.origin}${url.pathname}`).toBe(`${c.bot.bbb.url}/join`);
    expect(url.searchParams.get('role')).toBe('VIEWER');
    expect(url.searchParams.get('userID')).toBe(`matrix:${SAM}`);
    expect(url.searchParams.get('fullName')).toBe('Sam Student');
    expect(url.searchParams.get('meetingID')).toBe(c.meetingId);
    // The link is in the HTML too, as a link, only in this DM.
    const event = world.sentBy(samDm).at(-1)!;
    expect(String(event.content['formatted_body'])).toContain(`<a href="${url.toString().replace(/&/g, '&amp;')}">`);
    expect(isPrivateRoom(world, samDm)).toBe(true);

    // amy did not ask: nothing for her, in her DM or anywhere else.
    expect(bodies(world, amyDm)).toHaveLength(amyBefore);
    expect(world.sent.filter((s) => JSON.stringify(s.content).includes(encodeURIComponent(`matrix:${AMY}`)))).toEqual([]);
    expect(c.bot.store.waitList.list(courseScope('MATH101', ''))).toEqual([]);
    // The link given counts for attendance.
    const open = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    expect(c.bot.store.attendance.grants(open.id).map((g) => [g.userId, g.role])).toEqual([
      [TINA, 'MODERATOR'],
      [SAM, 'VIEWER'],
    ]);
    // Nothing more arrives later: sam is told once.
    await settle(c.bot);
    expect(bodies(world, samDm).slice(samBefore)).toHaveLength(1);
    checkInvariants(c);
  });

  it('a meeting ended in BBB: the end callback posts one summary in the class room; a duplicate callback posts nothing more', async () => {
    const c = await matrixClass({ http: true });
    await classWithTwoInside(c);
    await c.bot.after.reconciler.tick(); // sees tina and sam inside (attendance)
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    const callbackUrl = c.bot.bbb.control.meeting(c.meetingId)!.metadata['endcallbackurl']!;
    expect(callbackUrl).toBe(`${c.bot.publicUrl}/bbb/ended/${row.callbackToken}`);

    const before = bodies(c.world, c.room).length;
    await c.bot.bbb.control.endMeeting(c.meetingId); // a moderator ends it in the BBB client: BBB calls back
    await until(() => roomBodies(c, SUMMARY).length > 0, 'the summary in the room', WAIT_MS);
    await settle(c.bot);
    expect(c.bbbLog.filter((l) => /^end callback GET .* -> HTTP 200$/.test(l))).toHaveLength(1);
    const posted = c.world.sentBy(c.room).slice(before);
    expect(posted).toHaveLength(1); // the summary, nothing else
    expect(posted[0]!.content).toMatchObject({ msgtype: 'm.notice' });
    expect(posted[0]!.content['m.relates_to']).toBeUndefined(); // not an answer to anyone's command
    expect(String(posted[0]!.content['body'])).toMatch(SUMMARY);
    expect(String(posted[0]!.content['body'])).toContain('2 people took part.');
    expect(c.bot.store.meetings.byId(row.id)).toMatchObject({ endReason: 'callback' });

    // BBB may call twice: answered 200, nothing more posted.
    const again = await fetch(`${callbackUrl}?recordingmarks=false&meetingID=${encodeURIComponent(c.meetingId)}`);
    expect(again.status).toBe(200);
    await settle(c.bot);
    expect(roomBodies(c, SUMMARY)).toHaveLength(1);
    expect(c.world.sentBy(c.room).slice(before)).toHaveLength(1);
    checkInvariants(c);
  });

  it('a meeting ended in BBB with callbacks lost: the reconciler finds the end and posts the summary once', async () => {
    const c = await matrixClass({ http: true });
    c.bot.bbb.control.setCallbacks(false);
    await classWithTwoInside(c);
    const t0 = Date.now();
    await c.bot.after.reconciler.tick(t0);
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;

    const before = bodies(c.world, c.room).length;
    await c.bot.bbb.control.endMeeting(c.meetingId); // nobody calls back
    await settle(c.bot);
    expect(c.bbbLog.filter((l) => l.startsWith('end callback'))).toEqual([]);
    expect(bodies(c.world, c.room)).toHaveLength(before);

    await c.bot.after.reconciler.tick(t0 + MIN + 1);
    await until(() => roomBodies(c, SUMMARY).length > 0, 'the summary in the room', WAIT_MS);
    await settle(c.bot);
    const posted = bodies(c.world, c.room).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatch(SUMMARY);
    expect(posted[0]).toContain('2 people took part.');
    expect(c.bot.store.meetings.byId(row.id)).toMatchObject({ endReason: 'reconciled', endedAt: t0 + MIN + 1 });

    await c.bot.after.reconciler.tick(t0 + 5 * MIN); // later passes: nothing more
    await settle(c.bot);
    expect(roomBodies(c, SUMMARY)).toHaveLength(1);
    checkInvariants(c);
  });

  it('recording ready: called back once per format, announced once in the room with the playback links', async () => {
    const c = await matrixClass({ http: true, record: true });
    await classWithTwoInside(c); // sam opened his link: BBB starts recording (a recorded course records from the start)
    const before = bodies(c.world, c.room).length;
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await c.bot.bbb.control.advanceTime(50); // processing done: published; post_publish runs once per format
    await until(() => roomBodies(c, READY).length > 0, 'the recording notice in the room', WAIT_MS);
    await settle(c.bot);
    expect(c.bbbLog.filter((l) => /^end callback GET .*recordingmarks=true.* -> HTTP 200$/.test(l))).toHaveLength(1);
    expect(c.bbbLog.filter((l) => /^recording-ready POST .* -> HTTP 202$/.test(l))).toHaveLength(2); // presentation, video
    const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
    const recordId = row.internalMeetingId!;

    // The room got the summary, then exactly one recording notice. The links were one-time bot links
    // (the bot has PUBLIC_URL), whose openings the summary already counted: BBB's analytics agree, so
    // no follow-up with an exact count is needed.
    const exact = /exact attendance has arrived/;
    expect(c.world.sentBy(c.room).slice(before).filter((s) => exact.test(String(s.content['body'])))).toHaveLength(0);
    const sent = c.world.sentBy(c.room).slice(before).filter((s) => !exact.test(String(s.content['body'])));
    expect(sent.map((s) => String(s.content['body']))).toEqual([expect.stringMatching(SUMMARY), expect.stringMatching(READY)]);
    const posted = sent.slice(1);
    const origin = new URL(c.bot.bbb.url).origin;
    const links = [`${origin}/playback/presentation/2.3/${recordId}`, `${origin}/playback/video/${recordId}/`];
    const body = String(posted[0]!.content['body']);
    expect(body).toMatch(READY);
    expect(body.split('\n').slice(1)).toEqual([`Presentation: ${links[0]}`, `Video: ${links[1]}`]);
    for (const link of links) expect(String(posted[0]!.content['formatted_body'])).toContain(`<a href="${link}">`);
    expect(body).not.toMatch(JOIN_URL);
    expect(c.bot.store.recordingLog.announced(recordId)).toBe(true);
    expect(c.bot.store.recordingLog.watching(row.id)).toBe(false);

    // The reconciler, later, does not announce it again.
    await c.bot.after.reconciler.tick(Date.now() + 10 * MIN);
    await settle(c.bot);
    expect(roomBodies(c, READY)).toHaveLength(1);
    expect(roomBodies(c, SUMMARY)).toHaveLength(1);
    checkInvariants(c);
  });

  it('report --csv from the teacher: uploaded to the media repo and sent as m.file in the teacher\'s DM, never in the room', async () => {
    const c = await matrixClass();
    const { world } = c;
    await classWithTwoInside(c);
    await c.bot.after.reconciler.tick(); // sees tina and sam inside
    await c.command(c.room, TINA, '!conference end');
    const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
    expect(row.endedAt).not.toBeNull();
    const day = new Date(row.createdAt).toISOString().slice(0, 10); // BOT_TIMEZONE is UTC

    const tinaDm = c.dmOf(TINA);
    const dmBefore = world.sentBy(tinaDm).length;
    const roomBefore = world.sentBy(c.room).length;
    await c.command(c.room, TINA, '!conference report --csv');
    await until(() => world.sentBy(tinaDm).some((s) => s.content['msgtype'] === 'm.file'), 'the file in tina\'s DM', WAIT_MS);
    await settle(c.bot);

    // In the DM: the text, then the file.
    const inDm = world.sentBy(tinaDm).slice(dmBefore);
    expect(inDm.map((s) => s.content['msgtype'])).toEqual(['m.notice', 'm.file']);
    expect(inDm[0]!.content['body']).toMatch(new RegExp(`^Attendance of Algebra \\(MATH101\\) on ${day}, as a CSV file\\. Join and leave times are when the bot first and last saw`));
    expect(world.uploads).toHaveLength(1);
    const upload = world.uploads[0]!;
    const name = `attendance-MATH101-${day}.csv`;
    expect(upload).toMatchObject({ filename: name, contentType: 'text/csv' });
    expect(upload.mxc).toMatch(/^mxc:\/\/school\.edu\/[A-Za-z0-9]+$/);
    expect(inDm[1]!.content).toEqual({
      msgtype: 'm.file',
      body: name,
      filename: name,
      url: upload.mxc,
      info: { mimetype: 'text/csv', size: upload.data.length },
    });
    const rows = upload.data.toString('utf8').split('\r\n');
    expect(rows[0]).toBe('Name,User,Link given,Joined at,Left at,Role');
    // Matrix ids start with '@': the core's CSV defuses such cells (formula injection) with a leading quote.
    expect(rows.find((r) => r.startsWith('Tina Teacher,'))).toMatch(new RegExp(`^Tina Teacher,'${TINA},yes,\\d{4}-.*,moderator$`));
    expect(rows.find((r) => r.startsWith('Sam Student,'))).toMatch(new RegExp(`^Sam Student,'${SAM},yes,\\d{4}-.*,viewer$`));
    expect(rows).toHaveLength(4); // header, tina, sam, and the final line break
    expect(isPrivateRoom(world, tinaDm)).toBe(true);

    // In the room: only "I sent you a direct message"; no file anywhere but the DM.
    expect(bodies(world, c.room).slice(roomBefore)).toEqual([`${TINA}: I sent you a direct message.`]);
    expect(world.sent.filter((s) => s.content['msgtype'] === 'm.file').map((s) => s.roomId)).toEqual([tinaDm]);
    expect(world.sent.filter((s) => JSON.stringify(s.content).includes('mxc://')).map((s) => s.roomId)).toEqual([tinaDm]);
    checkInvariants(c);
  });
});
