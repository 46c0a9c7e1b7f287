// "After the command" through Slack, end to end: the real Slack adapter (Bolt's HTTP receiver,
// signed requests, the fake Web API) attached as the core's messenger, the real core and SQLite,
// and the BBB dev server calling the bot's HTTP adapter back (meeting ended, recording ready).
// Notify me, the meeting ended in BBB, the recording announcement, the attendance CSV.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_NAMESPACE } from '../../adapters/slack/delivery.ts';
import { scopeKey } from '../../src/core/scope.ts';
import { startTestBot, type TestBot, type TestBotOptions } from '../helpers/test-bot.ts';
import { followJoinLink, linkRole } from '../helpers/join-link.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import { ephemeralBlockActionPayload } from '../fakes/slack-requests.ts';
import type { ApiCall, ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { blocksText, buttons, CHANNEL, type Harness, type Person, startHarness } from './harness.ts';

/** A second student, who never asks to be notified. */
const BOB: Person = { id: 'UBOB', name: 'bob' };
const DM = { [TEACHER.id]: 'D0TEACHER1', [STUDENT.id]: 'D0STUDENT1', [BOB.id]: 'D0BOBBOB01' } as const;
const JOIN = /\/bigbluebutton\/api\/join/;
const SUMMARY = /^Algebra \(MATH101\) has ended\./;
const READY = /^The recording of Algebra \(MATH101\) from /;
const CSV_NOTICE = 'I sent you the file in a direct message';

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  try {
    if (bot) await within(bot.after.idle(), 'background work'); // nothing may still talk to the fake Slack when it closes
    if (h) expect(h.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]); // every Slack call succeeded
    await h?.close(); // checks: no join link in a channel, no secret or join link in the adapter's log
    if (bot) {
      expect(bot.log.lines.join('\n')).not.toContain(bot.bbb.secret);
      expect(bot.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
    }
  } finally {
    await bot?.close();
    h = undefined;
    bot = undefined;
  }
});

/** `work`, or a failure after 5 s. */
async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Classroom {
  bot: TestBot;
  h: Harness<TestBot['app']>;
  /** BBB meeting id of MATH101 (no group). */
  meetingId: string;
  /** `/conference <text>` from `who` in #math101; resolves with the first `n` answers on its response_url. */
  run(text: string, who: Person, n?: number): Promise<ResponseUrlPost[]>;
  /** Channel posts (chat.postMessage to #math101). */
  channelPosts(): ApiCall[];
}

/** MATH101 linked to #math101 through Slack, tina teaches; the Slack messenger is attached like in main.ts. */
async function classroom(opts: TestBotOptions & { record?: boolean } = {}): Promise<Classroom> {
  bot = await startTestBot(opts);
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  h.api.addUser({ id: BOB.id, name: BOB.name, realName: 'Bob Builder', displayName: 'Bob' });
  for (const [user, dm] of Object.entries(DM)) h.api.setDirectChannel(user, dm);
  const api = h.api;
  const run = async (text: string, who: Person, n = 1): Promise<ResponseUrlPost[]> => {
    const res = await h!.command(text, who);
    expect(res.status).toBe(200);
    return api.waitFor(() => api.postsTo(res.responseUrl).length >= n && api.postsTo(res.responseUrl), 5000, `answer to "${text}"`);
  };
  const [linked] = await run('config link MATH101 Algebra', ADMIN);
  expect(String(linked!.body['text'])).toContain('MATH101');
  await run('config teacher add <@UTEACHER|tina>', ADMIN);
  if (opts.record) expect(String((await run('config set record on', ADMIN))[0]!.body['text'])).toMatch(/record/i);
  return {
    bot,
    h,
    meetingId: bot.conference.meetingIdOf(courseScope('MATH101', '')),
    run,
    channelPosts: () => api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === CHANNEL.id),
  };
}

/** The URL buttons of a message body. */
function urls(body: Record<string, unknown>): string[] {
  return buttons(body).map((b) => b['url']).filter((u): u is string => typeof u === 'string');
}

/** tina starts the class: her moderator link privately, the announcement in the channel. */
async function start(c: Classroom): Promise<ApiCall> {
  const before = c.channelPosts().length;
  const [moderator] = await c.run('start', TEACHER);
  expect(moderator!.body['response_type']).toBe('ephemeral');
  expect(linkRole(c.bot, urls(moderator!.body)[0]!)).toBe('MODERATOR');
  const posts = await c.h.api.waitFor(() => c.channelPosts().length === before + 1 && c.channelPosts(), 5000, 'the start announcement');
  const announcement = posts.at(-1)!;
  expect(buttons(announcement.body).map((b) => b['action_id'])).toEqual(['conference_join']);
  return announcement;
}

/**
 * Bounded wait for the bot's background work (what the callbacks and the start started). The dev
 * server's endMeeting and advanceTime already wait for the callbacks they fire to be answered.
 */
async function settle(c: Classroom): Promise<void> {
  await within(c.bot.after.idle(), 'the bot\'s background work');
}

describe('Slack: after the command, end to end', () => {
  it('Notify me: the button on a refused join, then a DM with their own VIEWER link when the class starts; nothing for a student who did not ask', async () => {
    const c = await classroom();
    const api = c.h.api;

    // Before the start: both students are refused, with the Notify me button.
    const [samRefused] = await c.run('join', STUDENT);
    const [bobRefused] = await c.run('join', BOB);
    for (const refused of [samRefused!, bobRefused!]) {
      expect(refused.body['response_type']).toBe('ephemeral');
      expect(String(refused.body['text'])).toContain('Algebra (MATH101) has not started yet.');
      expect(urls(refused.body)).toEqual([]);
      const notify = buttons(refused.body).find((b) => b['action_id'] === 'conference_notify');
      expect(notify).toMatchObject({ type: 'button', text: { text: 'Notify me' } });
      expect(notify!['value']).not.toBe(''); // optional; never an empty string
    }

    // sam presses Notify me on the ephemeral message (a signed block_actions request).
    const value = String(buttons(samRefused!.body).find((b) => b['action_id'] === 'conference_notify')!['value'] ?? '');
    const click = await c.h.click(
      { user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, action_id: 'conference_notify', value },
      ephemeralBlockActionPayload,
    );
    expect(click.status).toBe(200);
    const [confirmed] = await api.waitFor(() => api.postsTo(click.responseUrl).length === 1 && api.postsTo(click.responseUrl), 5000, 'the confirmation');
    expect(confirmed!.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'I will tell you privately, with your link, as soon as Algebra (MATH101) starts.',
    });
    expect(confirmed!.replaceOriginal).toBe(false);
    expect(urls(confirmed!.body)).toEqual([]);
    expect(c.bot.store.waitList.list(courseScope('MATH101', '')).map((w) => [w.platform, w.userId, w.roomId])).toEqual([['slack', STUDENT.id, CHANNEL.id]]);
    expect(api.callsTo('conversations.open')).toEqual([]); // nobody is told anything yet

    // tina starts the class: sam gets a DM with his own link.
    await start(c);
    const [dm] = await api.waitFor(
      () => api.callsTo('chat.postMessage').filter((m) => m.body['channel'] === DM[STUDENT.id]).length === 1 &&
        api.callsTo('chat.postMessage').filter((m) => m.body['channel'] === DM[STUDENT.id]),
      5000,
      'the notify-me DM',
    );
    expect(api.callsTo('conversations.open').map((o) => o.body['users'])).toEqual([STUDENT.id]);
    expect(String(dm!.body['text'])).toBe('Algebra (MATH101) has started. Your link to Algebra (MATH101) (only for you, do not share it):');
    const links = urls(dm!.body);
    expect(links).toHaveLength(1);
    const link = new URL(links[0]!);
    expect(link.href.startsWith(`${c.bot.bbb.url}/join?`)).toBe(true);
    expect(link.searchParams.get('role')).toBe('VIEWER');
    expect(link.searchParams.get('fullName')).toBe('Sam Student'); // users.info: no display name, the real name
    expect(link.searchParams.get('userID')).toBe(`slack:${STUDENT.id}`);
    expect(c.bot.store.waitList.list(courseScope('MATH101', ''))).toEqual([]);
    // The link counts for attendance, like one from /conference join.
    const row = c.bot.store.meetings.open(courseScope('MATH101', ''))!;
    expect(c.bot.store.attendance.grants(row.id).map((g) => [g.userId, g.role])).toEqual([
      [TEACHER.id, 'MODERATOR'],
      [STUDENT.id, 'VIEWER'],
    ]);

    // The link works: the dev server lets sam in as a viewer.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    expect(c.bot.bbb.control.meeting(c.meetingId)?.attendees).toEqual([{ userId: `slack:${STUDENT.id}`, fullName: 'Sam Student', role: 'VIEWER' }]);

    // bob did not ask: nothing reached him, in a DM or ephemerally.
    await settle(c);
    const toBob = api.calls.filter((call) => call.body['users'] === BOB.id || call.body['user'] === BOB.id || call.body['channel'] === DM[BOB.id]);
    expect(toBob.filter((call) => call.method !== 'users.info')).toEqual([]);
    expect(api.responsePosts.filter((p) => p.id === bobRefused!.id)).toHaveLength(1); // still only his refusal
    // Join links went privately only: no channel message carries one.
    for (const post of c.channelPosts()) expect(JSON.stringify(post.body)).not.toMatch(JOIN);
    expect(api.callsTo('chat.update')).toEqual([]);
  });

  it('a meeting ended in BBB (not by the command): the announcement loses its Join button, one summary in the channel, once', async () => {
    const bbbLog: string[] = [];
    const c = await classroom({ http: true, devBbb: { log: (l) => bbbLog.push(l) } });
    const api = c.h.api;
    const announcement = await start(c);
    // The bot records the announcement once chat.postMessage has answered, a moment after the post is seen.
    const key = `${CHANNEL.id}|${scopeKey(courseScope('MATH101'))}`;
    await api.waitFor(() => c.bot.app.state.get(ANNOUNCEMENT_NAMESPACE, key) !== undefined, 5_000, 'the announcement recorded');
    const { ts } = JSON.parse(c.bot.app.state.get(ANNOUNCEMENT_NAMESPACE, key)!) as { ts: string };
    const endCallback = c.bot.bbb.control.meeting(c.meetingId)!.metadata['endcallbackurl']!;
    expect(endCallback.startsWith(`${c.bot.publicUrl}/bbb/ended/`)).toBe(true);
    // tina and sam are seen inside by one reconciler pass.
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: `slack:${TEACHER.id}`, fullName: 'Tina', role: 'MODERATOR' });
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: `slack:${STUDENT.id}`, fullName: 'Sam Student', role: 'VIEWER' });
    await c.bot.after.reconciler.tick();

    // A moderator ends it in the BBB client: BBB GETs the end callback on the bot's HTTP adapter.
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await settle(c);
    expect(bbbLog.filter((l) => l.startsWith('end callback GET '))).toEqual([expect.stringMatching(/ -> HTTP 200$/)]);
    const [update] = await api.waitFor(() => api.callsTo('chat.update').length === 1 && api.callsTo('chat.update'), 5000, 'chat.update');
    expect(update!.body).toMatchObject({ channel: CHANNEL.id, ts });
    expect(String(update!.body['text']).startsWith(String(announcement.body['text']))).toBe(true);
    expect(String(update!.body['text'])).toContain('This class has ended.');
    expect(buttons(update!.body)).toEqual([]);
    expect(c.bot.app.state.get(ANNOUNCEMENT_NAMESPACE, `${CHANNEL.id}|${scopeKey(courseScope('MATH101'))}`)).toBeUndefined();

    const posts = await api.waitFor(() => c.channelPosts().length === 2 && c.channelPosts(), 5000, 'the summary');
    const summary = posts[1]!;
    expect(String(summary.body['text'])).toMatch(SUMMARY);
    expect(String(summary.body['text'])).toMatch(/Started \d{1,2} [A-Z][a-z]+(?: \d{4})? at \d\d:\d\d, ended at \d\d:\d\d \(\d+ min\); 2 people took part\.$/);
    expect(buttons(summary.body)).toEqual([]);
    expect(update!.at).toBeLessThanOrEqual(summary.at); // the announcement is updated first
    expect(c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]).toMatchObject({ endReason: 'callback' });

    // BBB may call twice: 200 again, nothing posted or updated again.
    const again = await fetch(`${endCallback}?recordingmarks=false&meetingID=${encodeURIComponent(c.meetingId)}`);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    await settle(c);
    await c.bot.after.reconciler.tick(); // nor does the safety net find anything left to say
    expect(c.channelPosts()).toHaveLength(2);
    expect(api.callsTo('chat.update')).toHaveLength(1);
    expect(api.callsTo('chat.postMessage').filter((m) => m.body['channel'] !== CHANNEL.id)).toEqual([]);
  });

  it('recording ready: a recorded class with a student in it ends; one channel post with the playback links, however many callbacks', async () => {
    const bbbLog: string[] = [];
    // Processing takes a minute of the dev server's clock: the test says when it is done.
    const c = await classroom({ http: true, record: true, devBbb: { recordingProcessingMs: 60_000, log: (l) => bbbLog.push(l) } });
    const api = c.h.api;
    const announcement = await start(c);

    // sam presses Join on the announcement and opens his link: the dev server counts him in.
    const click = await c.h.click({
      user_id: STUDENT.id,
      user_name: STUDENT.name,
      channel_id: CHANNEL.id,
      channel_name: CHANNEL.name,
      action_id: 'conference_join',
      value: String(buttons(announcement.body)[0]!['value']),
    });
    const [viewer] = await api.waitFor(() => api.postsTo(click.responseUrl).length === 1 && api.postsTo(click.responseUrl), 5000, 'the VIEWER link');
    const link = await followJoinLink(urls(viewer!.body)[0]!);
    expect(new URL(link).searchParams.get('role')).toBe('VIEWER');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    expect(c.bot.bbb.control.meeting(c.meetingId)).toMatchObject({ record: true, attendees: [{ userId: `slack:${STUDENT.id}`, role: 'VIEWER' }] });
    await c.bot.after.reconciler.tick(); // the bot sees him inside

    // It ends in BBB: the end callback says a recording is coming; the summary is posted.
    await c.bot.bbb.control.endMeeting(c.meetingId);
    await settle(c);
    const afterEnd = await api.waitFor(() => c.channelPosts().length === 2 && c.channelPosts(), 5000, 'the summary');
    expect(String(afterEnd[1]!.body['text'])).toMatch(/^Algebra \(MATH101\) has ended\..*; 1 person took part\.$/);
    expect(bbbLog.filter((l) => /^end callback GET .*recordingmarks=true.* -> HTTP 200$/.test(l))).toHaveLength(1);

    // Processing done: published, and BBB posts recording-ready once per playback format.
    await c.bot.bbb.control.advanceTime(60_000);
    await settle(c);
    const posts = await api.waitFor(() => c.channelPosts().length === 3 && c.channelPosts(), 5000, 'the recording post');
    expect(bbbLog.filter((l) => /^recording-ready POST .* -> HTTP 202$/.test(l))).toHaveLength(2);
    const ready = posts.filter((p) => READY.test(String(p.body['text'])));
    expect(ready).toHaveLength(1);
    const recordId = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.internalMeetingId!;
    const origin = new URL(c.bot.bbb.url).origin;
    const playback = [`${origin}/playback/presentation/2.3/${recordId}`, `${origin}/playback/video/${recordId}/`];
    expect(urls(ready[0]!.body)).toEqual(playback);
    expect(buttons(ready[0]!.body).map((b) => (b['text'] as { text: string }).text)).toEqual(['Presentation', 'Video']);
    expect(JSON.stringify(ready[0]!.body)).not.toMatch(JOIN);
    expect(c.bot.store.recordingLog.announced(recordId)).toBe(true);

    // Yet another delivery (and the reconciler) add nothing.
    await c.bot.after.meetingEvents.onRecordingReady(recordId, c.meetingId);
    await c.bot.after.reconciler.tick(Date.now() + 3_600_000);
    await settle(c);
    expect(c.channelPosts()).toHaveLength(3);
    expect(c.channelPosts().filter((p) => READY.test(String(p.body['text'])))).toHaveLength(1);
    expect(c.channelPosts().filter((p) => SUMMARY.test(String(p.body['text'])))).toHaveLength(1);
    for (const post of c.channelPosts()) expect(JSON.stringify(post.body)).not.toMatch(JOIN);
  });

  it('report --csv: the CSV is uploaded to the teacher’s DM, never to the channel', async () => {
    const c = await classroom();
    const api = c.h.api;
    await start(c);
    const [viewer] = await c.run('join', STUDENT);
    const page = await fetch(urls(viewer!.body)[0]!);
    await page.arrayBuffer();
    await c.bot.after.reconciler.tick(); // sees tina's link and sam inside
    const postsBefore = api.callsTo('chat.postMessage').length;

    // A student may not have it: refused, nothing uploaded.
    const [refused] = await c.run('report --csv', STUDENT);
    expect(String(refused!.body['text'])).toContain('Only the teachers and coaches');
    expect(api.callsTo('files.getUploadURLExternal')).toEqual([]);

    const [answer] = await c.run('report --csv', TEACHER);
    expect(answer!.body['response_type']).toBe('ephemeral');
    expect(answer!.replaceOriginal).toBe(false);
    expect(String(answer!.body['text'])).toMatch(/^Attendance of Algebra \(MATH101\) on \d{4}-\d\d-\d\d, as a CSV file\. Join and leave times are when the bot first .*\nI sent you the file in a direct message$/);
    expect(blocksText(answer!.body)).toContain(CSV_NOTICE);
    expect(blocksText(answer!.body)).not.toContain('Link given');

    expect(api.callsTo('conversations.open').map((o) => o.body['users'])).toEqual([TEACHER.id]);
    expect(api.completedUploads).toHaveLength(1);
    const upload = api.completedUploads[0]!;
    expect(upload.channelId).toBe(DM[TEACHER.id]);
    expect(upload.channels).toBeUndefined();
    expect(upload.files[0]!.title).toMatch(/^attendance-MATH101-\d{4}-\d\d-\d\d\.csv$/);
    expect(upload.initialComment).toMatch(/^Attendance of Algebra \(MATH101\) on \d{4}-\d\d-\d\d, as a CSV file\. Join and leave times are when the bot first .*\)\.$/);
    const rows = [...upload.bytes.values()][0]!.toString('utf8').split('\r\n');
    expect(rows[0]).toBe('Name,User,Link given,Joined at,Left at,Role');
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^Tina,${TEACHER.id},yes,,,moderator$`)));
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^Sam Student,${STUDENT.id},yes,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,viewer$`)));

    // Nothing reached the channel: no post, and no file call named it.
    expect(api.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    const fileCalls = api.calls.filter((call) => call.method.startsWith('files.'));
    expect(fileCalls.flatMap((call) => ['channel', 'channel_id', 'channels'].map((k) => call.body[k]))).not.toContain(CHANNEL.id);
  });
});
