// The whole path with the real core, real SQLite and the BBB dev server: Slack requests through
// Bolt's receiver, the fake Slack Web API on the other side.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { buttons, CHANNEL, type Harness, startHarness } from './harness.ts';

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  await h?.close();
  await bot?.close();
  h = undefined;
  bot = undefined;
});

function linkOf(post: ResponseUrlPost | undefined): string {
  const url = buttons(post?.body ?? {}).find((b) => typeof b['url'] === 'string')?.['url'];
  return typeof url === 'string' ? url : '';
}

describe('Slack end to end (real core)', () => {
  it('link, add a teacher, start, a student joins with the Join button, end', async () => {
    bot = await startTestBot();
    h = await startHarness({ app: bot.app });
    const api = h.api;
    const answers = async (url: string, n = 1): Promise<ResponseUrlPost[]> =>
      api.waitFor(() => api.postsTo(url).length >= n && api.postsTo(url), 5000, `answer from ${url}`);

    const link = await h.command('config link MATH101 Algebra', ADMIN);
    const [linked] = await answers(link.responseUrl);
    expect(linked?.body['response_type']).toBe('ephemeral');
    expect(String(linked?.body['text'])).toContain('MATH101');

    const teach = await h.command('config teacher add <@UTEACHER|tina>', ADMIN);
    const [added] = await answers(teach.responseUrl);
    expect(String(added?.body['text'])).toContain('Tina'); // display name from users.info via lookupUser
    expect(api.callsTo('users.info').some((c) => c.body['user'] === TEACHER.id)).toBe(true);

    const start = await h.command('start', TEACHER);
    const [moderator] = await answers(start.responseUrl);
    expect(linkOf(moderator).startsWith(`${bot.bbb.url}/join?`)).toBe(true);
    expect(linkOf(moderator)).toContain('role=MODERATOR');
    const [announcement] = await api.waitFor(() => api.callsTo('chat.postMessage').length === 1 && api.callsTo('chat.postMessage'), 5000, 'announcement');
    expect(announcement?.body['channel']).toBe(CHANNEL.id);
    const join = buttons(announcement!.body).find((b) => b['action_id'] === 'conference_join');
    expect(join?.['value']).toBe('MATH101');

    const click = await h.click({ user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, action_id: 'conference_join', value: String(join?.['value']) });
    const [viewer] = await answers(click.responseUrl);
    expect(viewer?.body['response_type']).toBe('ephemeral');
    expect(viewer?.replaceOriginal).toBe(false);
    expect(linkOf(viewer)).toContain('role=VIEWER');
    expect(linkOf(viewer)).toContain('fullName=Sam');

    const end = await h.command('end', TEACHER);
    const [update] = await api.waitFor(() => api.callsTo('chat.update').length === 1 && api.callsTo('chat.update'), 5000, 'chat.update');
    expect(update?.body['channel']).toBe(CHANNEL.id);
    expect(String(update?.body['text'])).toContain('This class has ended.');
    expect(buttons(update!.body)).toHaveLength(0);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2, 5000, 'the ended post');
    expect(api.postsTo(end.responseUrl).every((p) => p.body['response_type'] === 'ephemeral')).toBe(true);
  });

  it('the config modal with the real core: refusal for a student, field error for a wrong secret, saved with the right one', async () => {
    bot = await startTestBot();
    h = await startHarness({ app: bot.app });
    const api = h.api;

    const refused = await h.command('config', STUDENT);
    const [no] = await api.waitFor(() => api.postsTo(refused.responseUrl).length === 1 && api.postsTo(refused.responseUrl), 5000, 'refusal');
    expect(no?.body['response_type']).toBe('ephemeral');
    expect(api.callsTo('views.open')).toHaveLength(0);

    await h.command('config', ADMIN);
    const [open] = await api.waitFor(() => api.callsTo('views.open').length === 1 && api.callsTo('views.open'), 5000, 'views.open');
    const view = open!.body['view'] as { callback_id: string; private_metadata: string; blocks: Array<{ type: string; block_id?: string }> };
    const [urlBlock, secretBlock] = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id!);
    const values = (secret: string) => ({
      [urlBlock!]: { value: { type: 'plain_text_input', value: bot!.bbb.url } },
      [secretBlock!]: { value: { type: 'plain_text_input', value: secret } },
    });

    const wrong = await h.submit(ADMIN, view, values('not-the-secret-at-all'));
    const errors = JSON.parse(wrong.body) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(Object.keys(errors.errors)).toEqual([secretBlock]);

    const right = await h.submit(ADMIN, view, values(bot.bbb.secret));
    expect(right.status).toBe(200);
    expect(right.body).toBe('');
    const [saved] = await api.waitFor(() => api.callsTo('chat.postEphemeral').length === 1 && api.callsTo('chat.postEphemeral'), 5000, 'confirmation');
    expect(saved?.body).toMatchObject({ channel: CHANNEL.id, user: ADMIN.id });
    expect(JSON.stringify(api.calls)).not.toContain(bot.bbb.secret);
    expect(h.log.lines.join('\n')).not.toContain(bot.bbb.secret);
  });
});
