// Issue 9, item 9 (first half): `config server` never repeats what it rejects. With the arguments
// swapped the old reply quoted the secret ("That server URL is not valid: Invalid BigBlueButton
// server URL "<secret>" …"). Whatever the arguments and wherever they are typed, the secret-like
// token appears in no reply and no log line.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let d: Driver;
beforeAll(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
});
afterAll(async () => {
  await bot.close();
});

/** Every reply text and log line that `config server <args>` produced, typed by an admin. */
async function whatItSays(args: string, where: 'console' | 'matrix-dm' | 'matrix-room'): Promise<string> {
  const logFrom = bot.log.lines.length;
  let replies: unknown;
  if (where === 'console') replies = await d.run(`admin general /conference config server ${args}`);
  else {
    replies = await bot.app.handle({
      platform: 'matrix',
      user: { id: '@admin:school.edu', displayName: 'Ada' },
      room: { id: where === 'matrix-dm' ? '!dm:school.edu' : '!shared:school.edu', isDirect: where === 'matrix-dm' },
      text: `config server ${args}`,
    });
  }
  return JSON.stringify(replies) + '\n' + bot.log.lines.slice(logFrom).join('\n');
}

describe('config server repeats no rejected argument', () => {
  it('swapped arguments: says so, without the secret', async () => {
    const said = await whatItSays(`Xq7secretvalue42 ${bot.bbb.url}`, 'console');
    expect(said).not.toContain('Xq7secretvalue42');
    expect(said).toContain('The URL comes first, then the secret');
    expect(bot.store.settings.server()).toBeUndefined();
  });

  it('a whole command quoted as one word is an unknown command that repeats none of it', async () => {
    const said = await d.run(`admin general /conference "config server ${bot.bbb.url} Zk4secretvalue9"`);
    const text = JSON.stringify(said);
    expect(text).toContain('Unknown command');
    expect(text).not.toContain('Zk4secretvalue9');
    expect(JSON.stringify(await d.run('admin general /conference frobnicate'))).toContain('frobnicate');
  });

  it('a URL with a password in it, or not http(s): refused without repeating it', async () => {
    for (const url of ['https://admin:Pw9secretvalue@bbb.school.edu/', 'ftp://Pw9secretvalue.example/', 'Pw9secretvalue:8443']) {
      const said = await whatItSays(`${url} another-value-1`, 'console');
      expect(said, url).not.toContain('Pw9secretvalue');
      expect(said, url).toContain('That server URL is not valid');
    }
  });

  it('whatever the arguments, the secret-like token is in no reply and no log line (property)', async () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:@._~-]{7,39}$/);
    const shape = fc.constantFrom(
      'URL S', 'S URL', 'S', 'URL S extra', 'S S2', 'S:8443 S2', 'https://u:S@bbb.school.edu/ S2',
      'ftp://S.example S2', '"URL S"', "'S' URL", '--secret=S URL', 'URL "S" extra', 'S URL S',
    );
    const where = fc.constantFrom('console' as const, 'matrix-dm' as const, 'matrix-room' as const);
    await fc.assert(
      fc.asyncProperty(secret, shape, where, async (s, sh, w) => {
        const args = sh.replace(/URL|S2|S/g, (m) => (m === 'URL' ? bot.bbb.url : m === 'S2' ? `${s}2` : s));
        const said = await whatItSays(args, w);
        expect(said, `${w}: config server ${args}`).not.toContain(s);
        expect(bot.store.settings.server()).toBeUndefined(); // a random secret is never accepted
      }),
      { numRuns: 150 },
    );
  });
});
