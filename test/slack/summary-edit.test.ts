// Issue 17, through Slack end to end: BBB ends a class before the bot polled, so the summary in the
// channel counts 0; BBB's learning-analytics callback arrives later with the exact attendance. The
// bot edits the summary in place (chat.update of its ts) instead of posting a follow-up, and posts
// the one follow-up only when Slack refuses the edit.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ApiCall, ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { followJoinLink } from '../helpers/join-link.ts';
import { settle, startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { buttons, CHANNEL, type Harness, type Person, startHarness } from './harness.ts';

const SUMMARY = /^Algebra \(MATH101\) has ended\./;
const EXACT = /^Algebra \(MATH101\): BigBlueButton's exact attendance has arrived/;
/** BBB archives the events a while after the end; the tests move the dev server's clock past it. */
const ARCHIVING_MS = 60_000;

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  try {
    await h?.close(); // checks: no join link in a channel, no secret or join link in the adapter's log
    if (bot) expect(bot.log.lines.join('\n')).not.toContain(bot.bbb.secret);
  } finally {
    await bot?.close();
    h = undefined;
    bot = undefined;
  }
});

interface Classroom {
  bot: TestBot;
  h: Harness<TestBot['app']>;
  meetingId: string;
  run(text: string, who: Person): Promise<ResponseUrlPost>;
  channelPosts(): ApiCall[];
}

/** MATH101 linked to #math101, tina teaches. Direct BBB links (no one-time links): opening one is not a join the bot sees. */
async function classroom(): Promise<Classroom> {
  bot = await startTestBot({ http: true, env: { HTTP_JOIN_LINK_MINUTES: '0' }, devBbb: { analyticsDelayMs: ARCHIVING_MS } });
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  const api = h.api;
  const run = async (text: string, who: Person): Promise<ResponseUrlPost> => {
    const res = await h!.command(text, who);
    expect(res.status).toBe(200);
    const [answer] = await api.waitFor(() => api.postsTo(res.responseUrl).length >= 1 && api.postsTo(res.responseUrl), 5000, `answer to "${text}"`);
    return answer!;
  };
  await run('config link MATH101 Algebra', ADMIN);
  await run('config teacher add <@UTEACHER|tina>', ADMIN);
  const channelPosts = (): ApiCall[] => api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === CHANNEL.id);
  return { bot, h, meetingId: bot.conference.meetingIdOf(courseScope('MATH101', '')), run, channelPosts };
}

/** The link button of a private answer, opened as the browser would: the dev server puts the user inside. */
async function open(answer: ResponseUrlPost): Promise<void> {
  const url = buttons(answer.body).map((b) => b['url']).find((u): u is string => typeof u === 'string')!;
  const res = await fetch(await followJoinLink(url), { redirect: 'manual' });
  await res.arrayBuffer();
  expect(res.status).toBeLessThan(400);
}

/** tina starts, sam joins, both go in; BBB ends the meeting before any poll: the summary says 0. Returns it and its ts. */
async function endedUnseen(c: Classroom): Promise<{ summary: ApiCall; ts: string }> {
  await open(await c.run('start', TEACHER));
  await open(await c.run('join', STUDENT));
  expect(c.bot.bbb.control.meeting(c.meetingId)?.attendees).toHaveLength(2);
  await c.bot.bbb.control.endMeeting(c.meetingId);
  await c.bot.after.idle(); // (the dev server's analytics callback waits for its clock: not settle())
  const summary = await c.h.api.waitFor(() => c.channelPosts().find((p) => SUMMARY.test(String(p.body['text']))), 5000, 'the summary');
  expect(String(summary.body['text'])).toContain('0 people took part');
  // The summary's ts is kept once chat.postMessage has answered.
  const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
  const ts = await c.h.api.waitFor(() => c.bot.store.analytics.summaryRef(row.id, 'slack', CHANNEL.id), 5000, 'the summary ts stored');
  return { summary, ts };
}

/** BBB archives the meeting's events: the analytics callback reaches the bot. */
async function archived(c: Classroom): Promise<void> {
  await c.bot.bbb.control.advanceTime(ARCHIVING_MS);
  await settle(c.bot);
  const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
  expect(c.bot.store.analytics.attendeeCount(row.id)).toBe(2);
}

/**
 * tina starts, sam joins and leaves before any poll, tina types `end`: the summary is the command's
 * own answer in the channel (chat.postMessage) and counts 1. Returns it and its ts, once stored.
 */
async function endTyped(c: Classroom): Promise<{ summary: ApiCall; ts: string }> {
  await open(await c.run('start', TEACHER));
  await open(await c.run('join', STUDENT));
  const sam = c.bot.bbb.control.meeting(c.meetingId)!.attendees.find((a) => a.role === 'VIEWER')!;
  c.bot.bbb.control.removeAttendee(c.meetingId, sam.userId);
  await c.h.command('end', TEACHER);
  const summary = await c.h.api.waitFor(() => c.channelPosts().find((p) => SUMMARY.test(String(p.body['text']))), 5000, 'the summary');
  expect(String(summary.body['text'])).toMatch(/1 person took part\. Ended by Tina\.$/);
  await c.bot.after.idle();
  const row = c.bot.store.meetings.recent(courseScope('MATH101'), 1)[0]!;
  const ts = await c.h.api.waitFor(() => c.bot.store.analytics.summaryRef(row.id, 'slack', CHANNEL.id), 5000, 'the summary ts stored');
  return { summary, ts };
}

describe('Slack: the summary corrected by BBB\'s analytics', () => {
  it('`end` typed in the channel: its summary (the command\'s answer) is edited in place too, no follow-up', async () => {
    const c = await classroom();
    const { ts } = await endTyped(c);
    const updatesBefore = c.h.api.callsTo('chat.update').length; // the start announcement lost its Join button
    const postsBefore = c.channelPosts().length;
    await archived(c);

    const edits = c.h.api.callsTo('chat.update').slice(updatesBefore);
    expect(edits.map((u) => [u.body['channel'], u.body['ts']])).toEqual([[CHANNEL.id, ts]]);
    expect(String(edits[0]!.body['text'])).toMatch(SUMMARY);
    expect(String(edits[0]!.body['text'])).toMatch(/2 people took part\. Ended by Tina\.$/); // still says who ended it
    expect(c.channelPosts()).toHaveLength(postsBefore); // no follow-up
    expect(bot!.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it('edits the summary in place with chat.update (the exact count) and posts no follow-up', async () => {
    const c = await classroom();
    const { summary, ts } = await endedUnseen(c);
    const [announcementUpdate] = c.h.api.callsTo('chat.update'); // the Join button went at the end
    expect(announcementUpdate!.body['ts']).not.toBe(ts);
    const postsBefore = c.channelPosts().length;
    await archived(c);

    const edits = c.h.api.callsTo('chat.update').slice(1);
    expect(edits.map((u) => u.body['ts'])).toEqual([ts]);
    expect(edits[0]!.body['channel']).toBe(CHANNEL.id);
    const text = String(edits[0]!.body['text']);
    expect(text).toMatch(SUMMARY);
    expect(text).toContain('2 people took part');
    expect(text.replace('2 people', '0 people')).toBe(String(summary.body['text'])); // the same summary, only the count differs
    expect(buttons(edits[0]!.body)).toEqual([]);
    expect(c.channelPosts()).toHaveLength(postsBefore); // no follow-up
    expect(c.channelPosts().filter((p) => EXACT.test(String(p.body['text'])))).toEqual([]);
    expect(bot!.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it('when Slack refuses the edit (the summary was deleted), one follow-up with the exact count', async () => {
    const c = await classroom();
    const { ts } = await endedUnseen(c);
    c.h.api.setError('chat.update', 'message_not_found');
    const postsBefore = c.channelPosts().length;
    await archived(c);

    expect(c.h.api.callsTo('chat.update').slice(1).map((u) => u.body['ts'])).toEqual([ts]); // tried once
    const after = c.channelPosts().slice(postsBefore);
    expect(after).toHaveLength(1);
    expect(String(after[0]!.body['text'])).toMatch(EXACT);
    expect(String(after[0]!.body['text'])).toContain('2 people took part (the summary above counted 0)');
    expect(bot!.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([expect.stringContaining('could not edit the summary')]);
  });
});
