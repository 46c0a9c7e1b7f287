// Scheduled classes through Slack (real Bolt HTTP receiver, signed requests, fake Web API, real
// core and SQLite, BBB dev server): the reminder in the channel with a Notify me button (no link),
// the click puts the student on the list; the automatic start's announcement has the Join button,
// the teacher's moderator link and the student's link go by DM; `schedule ics` is uploaded to the DM.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { linkRole } from '../helpers/join-link.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { buttons, CHANNEL, type Harness, type Person, startHarness } from './harness.ts';

const DM = { [TEACHER.id]: 'D0TEACHER1', [STUDENT.id]: 'D0STUDENT1' } as const;

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  await bot?.after.idle();
  await h?.close(); // checks: no join link in a channel, none in the adapter's log
  await bot?.close();
  h = undefined;
  bot = undefined;
});

async function slackClass(): Promise<{ run: (text: string, who: Person) => Promise<ResponseUrlPost> }> {
  bot = await startTestBot();
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  for (const [user, dm] of Object.entries(DM)) h.api.setDirectChannel(user, dm);
  const api = h.api;
  const run = async (text: string, who: Person): Promise<ResponseUrlPost> => {
    const res = await h!.command(text, who);
    expect(res.status).toBe(200);
    const [answer] = await api.waitFor(() => api.postsTo(res.responseUrl).length >= 1 && api.postsTo(res.responseUrl), 5000, `answer to "${text}"`);
    return answer!;
  };
  for (const text of ['config link MATH101 Algebra', 'config teacher add <@UTEACHER|tina>', 'config set timezone America/New_York', 'config set auto-start on']) await run(text, ADMIN);
  bot.store.schedules.add(courseScope('MATH101'), { days: [7], date: null, time: '09:00', minutes: 60 }, 0);
  return { run };
}

const channelPosts = () => h!.api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === CHANNEL.id);
const dmPosts = (user: string) => h!.api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === DM[user]);
const urls = (body: Record<string, unknown>): string[] => buttons(body).map((b) => b['url']).filter((u): u is string => typeof u === 'string');

describe('Slack: scheduled classes', () => {
  it('reminder with Notify me (clicked), automatic start with Join, links only by DM', async () => {
    await slackClass();
    const api = h!.api;
    await bot!.scheduler.tick(Date.parse('2026-11-01T13:50Z')); // 09:00 EST is 14:00Z, the day the clocks went back
    const [reminder] = await api.waitFor(() => channelPosts().length === 1 && channelPosts(), 5000, 'the reminder');
    expect(String(reminder!.body['text'])).toMatch(/^Algebra \(MATH101\) starts at 09:00 \(America\/New_York\), in 10 minutes\. Taught by Tina\. .*press Notify me/);
    expect(buttons(reminder!.body).map((b) => [b['action_id'], (b['text'] as { text: string }).text])).toEqual([['conference_notify', 'Notify me']]);
    expect(urls(reminder!.body)).toEqual([]);

    const value = String(buttons(reminder!.body)[0]!['value'] ?? '');
    const click = await h!.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, action_id: 'conference_notify', value });
    expect(click.status).toBe(200);
    await api.waitFor(() => api.postsTo(click.responseUrl).length === 1, 5000, 'the click answered');
    expect(bot!.store.waitList.list(courseScope('MATH101')).map((w) => w.userId)).toEqual([STUDENT.id]);

    await bot!.scheduler.tick(Date.parse('2026-11-01T14:00Z'));
    await bot!.after.idle();
    const [, started] = await api.waitFor(() => channelPosts().length === 2 && channelPosts(), 5000, 'the start announcement');
    expect(String(started!.body['text'])).toMatch(/^Algebra \(MATH101\) has started, as scheduled \(09:00–10:00, America\/New_York\)\./);
    expect(buttons(started!.body).map((b) => b['action_id'])).toEqual(['conference_join']);
    const [teacherDm] = await api.waitFor(() => dmPosts(TEACHER.id).length === 1 && dmPosts(TEACHER.id), 5000, 'the teacher DM');
    expect(urls(teacherDm!.body).map((u) => linkRole(bot!, u))).toEqual(['MODERATOR']);
    const [studentDm] = await api.waitFor(() => dmPosts(STUDENT.id).length === 1 && dmPosts(STUDENT.id), 5000, 'the notify-me DM');
    expect(urls(studentDm!.body).map((u) => linkRole(bot!, u))).toEqual(['VIEWER']);
    await bot!.scheduler.tick(Date.parse('2026-11-01T14:01Z'));
    expect(channelPosts()).toHaveLength(2);
  });

  it('a teacher starts the class after the reminder: the reminder is edited to show Join instead of Notify me', async () => {
    const { run } = await slackClass();
    const api = h!.api;
    await run('config set auto-start off', ADMIN);
    await bot!.scheduler.tick(Date.parse('2027-03-14T12:50Z')); // a class still ahead (the edit is for classes not over)
    await api.waitFor(() => channelPosts().length === 1, 5000, 'the reminder');
    const saved = bot!.store.state.get('schedule-reminder', `slack|${CHANNEL.id}|MATH101`);
    const { ref } = JSON.parse(saved!) as { ref: string }; // the reminder's ts, as chat.postMessage answered
    expect(api.callsTo('chat.update')).toEqual([]);
    await run('start', TEACHER);
    await bot!.after.idle();
    const [edit] = await api.waitFor(() => api.callsTo('chat.update').length === 1 && api.callsTo('chat.update'), 5000, 'the reminder edited');
    expect([edit!.body['channel'], edit!.body['ts']]).toEqual([CHANNEL.id, ref]);
    expect(String(edit!.body['text'])).toMatch(/^Algebra \(MATH101\) is already on \(09:00, America\/New_York\)\. Type \/conference join \(or press Join\)/);
    expect(bot!.store.state.get('schedule-reminder', `slack|${CHANNEL.id}|MATH101`)).toBeUndefined(); // edited once
    expect(buttons(edit!.body).map((b) => b['action_id'])).toEqual(['conference_join']);
    expect(urls(edit!.body)).toEqual([]);
  });

  it('schedule ics: the calendar file is uploaded to the student’s DM, never to the channel', async () => {
    const { run } = await slackClass();
    const answer = await run('schedule ics', STUDENT);
    expect(answer.body['response_type']).toBe('ephemeral');
    const api = h!.api;
    await api.waitFor(() => api.completedUploads.length === 1, 5000, 'the upload');
    const upload = api.completedUploads[0]!;
    expect(upload.channelId).toBe(DM[STUDENT.id]);
    expect(upload.files[0]!.title).toBe('classes-MATH101.ics');
    const ics = [...upload.bytes.values()][0]!.toString('utf8');
    expect(ics).toContain('DTSTART;TZID=America/New_York:');
    expect(ics).not.toMatch(/https?:\/\//);
    expect(channelPosts()).toEqual([]);
  });
});
