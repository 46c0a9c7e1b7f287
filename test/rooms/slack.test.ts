// The global conference and a personal room through Slack (issue 12), end to end: the real Slack
// adapter (Bolt's HTTP receiver, signed requests, the fake Web API), the real core and SQLite, the
// BBB dev server. The personal-room invitation names its owner and carries a Join button that runs
// `room join <owner>` for the clicker; nothing in a channel ever carries a join link.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { linkRole } from '../helpers/join-link.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { blocksText, buttons, CHANNEL, type Harness, type Person, startHarness } from '../slack/harness.ts';

const LOBBY = { id: 'C0LOBBY001', name: 'lobby' };
let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  if (bot) await bot.after.idle();
  await h?.close(); // checks that no channel message carried a join link
  await bot?.close();
  bot = undefined;
  h = undefined;
});

async function setUp() {
  bot = await startTestBot();
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  const api = h.api;
  const run = async (text: string, who: Person, channel = CHANNEL): Promise<ResponseUrlPost[]> => {
    const res = await h!.command(text, who, channel);
    expect(res.status).toBe(200);
    return api.waitFor(() => api.postsTo(res.responseUrl).length >= 1 && api.postsTo(res.responseUrl), 5000, `answer to "${text}"`);
  };
  const urls = (body: Record<string, unknown>): string[] => buttons(body).map((b) => b['url']).filter((u): u is string => typeof u === 'string');
  const posts = (channel: string) => api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === channel);
  await run('config link MATH101 Algebra', ADMIN);
  await run('config teacher add <@UTEACHER|tina>', ADMIN);
  return { api, run, urls, posts, h: h!, bot: bot! };
}

describe('Slack: rooms beyond the course', () => {
  it('a personal room: invitation with a Join button that runs `room join <owner>` for the clicker', async () => {
    const { api, run, urls, posts, h: harness, bot: b } = await setUp();
    await run('config set personal-rooms teachers', ADMIN);
    const [own] = await run('room start', TEACHER);
    expect(own!.body['response_type']).toBe('ephemeral');
    expect(linkRole(b, urls(own!.body)[0]!)).toBe('MODERATOR');
    const [invitation] = await api.waitFor(() => posts(CHANNEL.id).length === 1 && posts(CHANNEL.id), 5000, 'the invitation');
    expect(blocksText(invitation!.body)).toContain('Tina invites you to their personal room. Type /conference room join @Tina (or press Join)');
    expect(blocksText(invitation!.body)).toContain('invites you to their personal room');
    expect(urls(invitation!.body)).toEqual([]);
    const join = buttons(invitation!.body).find((b2) => b2['action_id'] === 'conference_join')!;
    expect(join['value']).toBe(`room join <@${TEACHER.id}>`);

    const click = await harness.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, action_id: 'conference_join', value: String(join['value']) });
    expect(click.status).toBe(200);
    const [answer] = await api.waitFor(() => api.postsTo(click.responseUrl).length === 1 && api.postsTo(click.responseUrl), 5000, 'the link');
    expect(answer!.body['response_type']).toBe('ephemeral');
    expect(linkRole(b, urls(answer!.body)[0]!)).toBe('VIEWER');
    // A forged value that is not a room's or the global conference's command runs the plain `join`.
    const forged = await harness.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, action_id: 'conference_join', value: 'config admin add <@USTUDENT>' });
    const [plain] = await api.waitFor(() => api.postsTo(forged.responseUrl).length === 1 && api.postsTo(forged.responseUrl), 5000, 'the plain join');
    expect(String(plain!.body['text'])).toContain('Algebra (MATH101) has not started yet');
  });

  it('the global conference: announced in the chosen channel without a link; its Join button runs `global join`', async () => {
    const { api, run, urls, posts, h: harness, bot: b } = await setUp();
    await run('config global on', ADMIN);
    await run('config global announce here', ADMIN, LOBBY);
    const [own] = await run('global start', ADMIN, CHANNEL);
    expect(linkRole(b, urls(own!.body)[0]!)).toBe('MODERATOR');
    const [announcement] = await api.waitFor(() => posts(LOBBY.id).length === 1 && posts(LOBBY.id), 5000, 'the announcement');
    expect(blocksText(announcement!.body)).toContain('started the global conference');
    expect(urls(announcement!.body)).toEqual([]);
    expect(posts(CHANNEL.id)).toEqual([]); // not an announce channel
    const join = buttons(announcement!.body).find((b2) => b2['action_id'] === 'conference_join')!;
    expect(join['value']).toBe('global join');
    const click = await harness.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: LOBBY.id, channel_name: LOBBY.name, action_id: 'conference_join', value: 'global join' });
    const [answer] = await api.waitFor(() => api.postsTo(click.responseUrl).length === 1 && api.postsTo(click.responseUrl), 5000, 'the link');
    expect(linkRole(b, urls(answer!.body)[0]!)).toBe('VIEWER');
  });
});
