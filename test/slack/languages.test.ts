// Language through Slack with the real core: the user's Slack locale (users.info include_locale)
// wins over the course for private replies; the channel gets the course's language.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import { buttons, type Harness, startHarness } from './harness.ts';
import { messages } from '../../src/i18n/index.ts';

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  await h?.close();
  await bot?.close();
  h = undefined;
  bot = undefined;
});

describe('Slack: which language', () => {
  it('a Dutch-locale user gets private replies in Dutch in a French course; the channel gets French; /conference language fr overrides', async () => {
    bot = await startTestBot();
    h = await startHarness({ app: bot.app });
    const api = h.api;
    api.addUser({ id: STUDENT.id, name: STUDENT.name, realName: 'Sam Student', displayName: '', locale: 'nl-NL' });
    api.addUser({ id: TEACHER.id, name: TEACHER.name, realName: 'Tina Teacher', displayName: 'Tina', locale: 'fr-FR' });
    const answer = async (text: string, who: { id: string; name: string }): Promise<Record<string, unknown>> => {
      const r = await h!.command(text, who);
      const [post] = await api.waitFor(() => api.postsTo(r.responseUrl).length >= 1 && api.postsTo(r.responseUrl), 5000, `answer to ${text}`);
      return post!.body;
    };
    await answer('config link MATH101 Algebra', ADMIN);
    await answer('config teacher add <@UTEACHER|tina>', ADMIN);
    await answer('config set language fr', ADMIN);
    expect(api.callsTo('users.info').every((c) => c['body']['include_locale'] === 'true')).toBe(true);

    const nl = messages('nl');
    expect(String((await answer('join', STUDENT))['text'])).toContain(nl.notStarted('Algebra (MATH101)', 'Tina'));

    await answer('start', TEACHER);
    const [announcement] = await api.waitFor(() => api.callsTo('chat.postMessage').length === 1 && api.callsTo('chat.postMessage'), 5000, 'announcement');
    const fr = messages('fr');
    expect(String(announcement!.body['text'])).toContain(fr.started('Tina', 'Algebra (MATH101)'));
    expect(buttons(announcement!.body).find((b) => b['action_id'] === 'conference_join')?.['text']).toMatchObject({ text: fr.viewerLinkLabel });

    const link = await answer('join', STUDENT);
    expect(String(link['text'])).toContain(nl.yourViewerLink('Algebra (MATH101)'));
    expect(buttons(link).find((b) => typeof b['url'] === 'string')?.['text']).toMatchObject({ text: nl.viewerLinkLabel });

    expect(String((await answer('language fr', STUDENT))['text'])).toBe(fr.languageSet('/conference', 'français'));
    expect(String((await answer('join', STUDENT))['text'])).toContain(fr.yourViewerLink('Algebra (MATH101)'));
    expect(bot.store.userLanguages.get('slack', STUDENT.id)).toEqual({ chosen: 'fr', locale: 'nl-NL' });
  });

  it('the config form opens in the admin\'s Slack language', async () => {
    bot = await startTestBot();
    h = await startHarness({ app: bot.app });
    h.api.addUser({ id: ADMIN.id, name: ADMIN.name, realName: 'Ada Admin', displayName: 'ada', locale: 'es-ES' });
    await h.command('config', ADMIN);
    const [open] = await h.api.waitFor(() => h!.api.callsTo('views.open').length === 1 && h!.api.callsTo('views.open'), 5000, 'views.open');
    const view = open!.body['view'] as { title: { text: string }; private_metadata: string };
    expect(view.title.text).toBe(messages('es').slack.modal.title);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ language: 'es' });
  });
});
