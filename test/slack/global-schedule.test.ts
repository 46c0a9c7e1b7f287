// The global conference's timetable through Slack (real Bolt HTTP receiver, signed requests, fake
// Web API, real core and SQLite, BBB dev server): the reminder in its announce channel carries a
// Notify me button that runs `global notify` for the clicker (no link); when an admin starts it,
// the reminder is edited to a Join button that runs `global join`; the automatic start DMs the
// admin their moderator link and announces the start with `global join`.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { linkRole } from '../helpers/join-link.ts';
import { GLOBAL } from '../../src/core/scope.ts';
import { ADMIN, STUDENT } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { blocksText, buttons, CHANNEL, type Harness, type Person, startHarness } from './harness.ts';

const LOBBY = { id: 'C0LOBBY001', name: 'lobby' };
const ADMIN_DM = 'D0ADMIN001';
let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  await bot?.after.idle();
  await h?.close(); // checks: no join link in a channel, none in the adapter's log
  await bot?.close();
  h = undefined;
  bot = undefined;
});

async function globalTimetable(...settings: string[]) {
  bot = await startTestBot();
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  h.api.setDirectChannel(ADMIN.id, ADMIN_DM);
  const api = h.api;
  const run = async (text: string, who: Person, channel = CHANNEL): Promise<ResponseUrlPost> => {
    const res = await h!.command(text, who, channel);
    expect(res.status).toBe(200);
    const [answer] = await api.waitFor(() => api.postsTo(res.responseUrl).length >= 1 && api.postsTo(res.responseUrl), 5000, `answer to "${text}"`);
    return answer!;
  };
  for (const text of ['config global on', 'config global set timezone UTC', ...settings, 'config global schedule add sun 09:00 60m']) await run(text, ADMIN);
  await run('config global announce here', ADMIN, LOBBY);
  return { api, run };
}

const posts = (channel: string) => h!.api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === channel);
const urls = (body: Record<string, unknown>): string[] => buttons(body).map((b) => b['url']).filter((u): u is string => typeof u === 'string');

describe('Slack: the global conference’s timetable', () => {
  it('the reminder’s Notify me runs `global notify`; once started, it is edited to Join running `global join`', async () => {
    const { api, run } = await globalTimetable();
    await bot!.scheduler.tick(Date.parse('2027-01-03T08:50Z')); // a Sunday
    const [reminder] = await api.waitFor(() => posts(LOBBY.id).length === 1 && posts(LOBBY.id), 5000, 'the reminder');
    expect(blocksText(reminder!.body)).toContain('Global conference starts at 09:00 (UTC), in 10 minutes. Want to be told when it starts? Type /conference global notify (or press Notify me).');
    expect(buttons(reminder!.body).map((b) => [b['action_id'], b['value']])).toEqual([['conference_notify', 'global notify']]);
    expect(urls(reminder!.body)).toEqual([]);
    expect(posts(CHANNEL.id)).toEqual([]); // not an announce channel

    const click = await h!.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: LOBBY.id, channel_name: LOBBY.name, action_id: 'conference_notify', value: 'global notify' });
    expect(click.status).toBe(200);
    await api.waitFor(() => api.postsTo(click.responseUrl).length === 1, 5000, 'the click answered');
    expect(bot!.store.waitList.list(GLOBAL).map((w) => w.userId)).toEqual([STUDENT.id]);

    await run('global start', ADMIN);
    await bot!.after.idle();
    const [edit] = await api.waitFor(() => api.callsTo('chat.update').length === 1 && api.callsTo('chat.update'), 5000, 'the reminder edited');
    expect(edit!.body['channel']).toBe(LOBBY.id);
    expect(String(edit!.body['text'])).toMatch(/^Global conference is already on \(09:00, UTC\)\. Type \/conference global join \(or press Join\)/);
    expect(buttons(edit!.body).map((b) => [b['action_id'], b['value']])).toEqual([['conference_join', 'global join']]);
    expect(urls(edit!.body)).toEqual([]);
  });

  it('the automatic start announces Join (`global join`) and DMs the admin their moderator link', async () => {
    const { api } = await globalTimetable('config global set auto-start on', 'config global set reminder off');
    await bot!.scheduler.tick(Date.parse('2027-01-03T09:00Z'));
    await bot!.after.idle();
    const [started] = await api.waitFor(() => posts(LOBBY.id).length === 1 && posts(LOBBY.id), 5000, 'the start announcement');
    expect(String(started!.body['text'])).toMatch(/^Global conference has started, as scheduled \(09:00–10:00, UTC\)\./);
    expect(buttons(started!.body).map((b) => [b['action_id'], b['value']])).toEqual([['conference_join', 'global join']]);
    const [adminDm] = await api.waitFor(() => posts(ADMIN_DM).length === 1 && posts(ADMIN_DM), 5000, 'the admin DM');
    expect(urls(adminDm!.body).map((u) => linkRole(bot!, u))).toEqual(['MODERATOR']);
    expect(bot!.store.meetings.allOpen().map((m) => m.scope)).toEqual([GLOBAL]);
  });
});
