// Chat mode with no BigBlueButton server configured: the bot starts, warns, and answers class
// commands with "no server yet"; it never starts the dev server, whose links would reach real users.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../adapters/main.ts';
import { memoryLogger } from '../../src/log.ts';
import { startFakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { postToBot, slashCommandBody } from '../fakes/slack-requests.ts';

const dir = mkdtempSync(join(tmpdir(), 'chat-mode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SIGNING = 'chat-mode-signing-secret-0123456789';

describe('chat mode without a BigBlueButton server', () => {
  it('does not start the dev server, warns, and answers start with "no server yet"', async () => {
    const api = await startFakeSlackWebApi();
    api.addUser({ id: 'UADMIN', name: 'ada', realName: 'Ada Admin', displayName: 'ada' });
    const log = memoryLogger();
    const stop = new AbortController();
    const running = run({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-chat-mode-token-0123456789',
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_API_URL: api.apiUrl,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        DB_PATH: join(dir, 'bot.sqlite'),
        BOT_ADMINS: 'slack:UADMIN',
      },
      stdinIsTTY: true, // even on a terminal: chat settings mean chat mode
      signal: stop.signal,
      log,
    });
    try {
      const port = await waitFor(() => /HTTP listening on 127\.0\.0\.1:(\d+)/.exec(log.lines.join('\n'))?.[1]);
      const endpoint = `http://127.0.0.1:${port}/slack/events`;
      const command = async (text: string): Promise<string> => {
        const responseUrl = api.newResponseUrl();
        const body = slashCommandBody({ text, user_id: 'UADMIN', user_name: 'ada', channel_id: 'C0MATH101', channel_name: 'math101', response_url: responseUrl });
        await postToBot(endpoint, body, { signingSecret: SIGNING });
        await api.waitFor(() => api.postsTo(responseUrl).length > 0, 10_000, 'an answer');
        return JSON.stringify(api.postsTo(responseUrl).map((p) => p.body));
      };
      expect(await command('config link MATH101 Algebra')).toContain('MATH101');
      const answer = await command('start');
      expect(answer).toContain('No BigBlueButton server is configured yet');
      expect(answer).toContain('/conference config with nothing after it and fills in the private form'); // Slack: the form, as its DM tab is read-only
      expect(answer).not.toContain('http://127.0.0.1');
      const start = log.lines.find((l) => l.includes('bbb-chatops starting'));
      expect(start).toContain('"devServer":false');
      expect(start).toContain('"adapters":["slack"]');
      expect(log.lines.filter((l) => l.includes(' WARN No BigBlueButton server is configured'))).toHaveLength(1);
      expect(log.lines.join('\n')).not.toContain('[dev-bbb]');
    } finally {
      stop.abort();
      await running;
      await api.close();
    }
  }, 60_000);
});

async function waitFor<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
