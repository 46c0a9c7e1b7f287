// Issue 9 item 12: unauthenticated junk gets a 4xx and one WARN line, never an ERROR with a stack.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawExchange, until } from './raw.ts';
import { startSlackBot, type SlackBot } from './slack-bot.ts';

let sb: SlackBot;
beforeAll(async () => {
  sb = await startSlackBot();
});
afterAll(async () => sb.close());
beforeEach(() => void (sb.bot.log.lines.length = 0));

const errors = (): string[] => sb.bot.log.lines.filter((l) => / ERROR |stack/.test(l));
const warns = (): string[] => sb.bot.log.lines.filter((l) => / WARN /.test(l));

describe('junk requests', () => {
  it('GET http://[ : 400 and one WARN line', async () => {
    expect(await rawExchange(sb.bot.publicUrl!, 'GET http://[ HTTP/1.1\r\nhost: bot\r\n\r\n')).toBe(400);
    await until(() => warns().length > 0, 2000, 'a WARN line');
    expect(errors()).toEqual([]);
    expect(warns()).toHaveLength(1);
  });

  for (const path of ['/bbb/recording-ready', '/slack/events']) {
    it(`a POST to ${path} aborted mid-body: one WARN line, no ERROR`, async () => {
      const head = `POST ${path} HTTP/1.1\r\nhost: bot\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\n`;
      await rawExchange(sb.bot.publicUrl!, head + 'signed_par', { hangUpAfterWrite: true });
      await until(() => warns().length > 0, 2000, 'a WARN line');
      await new Promise((r) => setTimeout(r, 100)); // anything logged late would show now
      expect(errors()).toEqual([]);
      expect(warns()).toEqual([expect.stringContaining('aborted')]);
    });
  }

  it('any request target: an answer below 500 and no ERROR (property)', async () => {
    const tail = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
    const target = fc.tuple(fc.constantFrom('', '/', '//', 'http://', 'http://[', 'https://user@', '*'), tail).map(([a, b]) => a + b).filter((t) => t.length > 0);
    await fc.assert(
      fc.asyncProperty(target, fc.constantFrom('GET', 'POST', 'HEAD'), async (t, method) => {
        const body = method === 'POST' ? 'content-length: 2\r\n\r\nab' : '\r\n';
        const status = await rawExchange(sb.bot.publicUrl!, `${method} ${t} HTTP/1.1\r\nhost: bot\r\n${body}`);
        expect(status === undefined || status < 500).toBe(true);
        expect(errors()).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
