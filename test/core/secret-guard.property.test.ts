// Issue 9, item 4: "reaches `config server` with a secret" implies "flagged by the guard". The
// texts are spelled every way a user (or attacker) might: quotes, case, Unicode spaces, tabs,
// newlines, zero-width characters, Matrix prefixes and mention pills. Whether the core ran
// `config server` is observed from the real core's reply, not from the guard's own function.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandText } from '../../adapters/matrix/command-text.ts';
import { isSecretBearing } from '../../adapters/matrix/secret-guard.ts';
import { commandOf } from '../../src/commands/registry.ts';
import { tokenize } from '../../src/core/tokens.ts';
import type { Reply } from '../../src/core/types.ts';
import { messages } from '../../src/i18n/index.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

const t = messages('en');
const PREFIX = '!conference';
const matrix = { prefix: PREFIX, botUserId: '@classbot:school.edu', botDisplayName: 'Class Bot' };
const URL_ARG = 'https://bbb.school.edu/bigbluebutton/';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ rateLimit: { capacity: 1_000_000 } }); // hundreds of commands from one admin
});
afterAll(async () => {
  await bot.close();
});

/** What the real core answers an admin typing `text` in a shared Matrix room. */
async function coreAnswer(text: string): Promise<Reply[]> {
  return bot.app.handle({
    platform: 'matrix',
    user: { id: '@admin:school.edu', displayName: 'Ada' },
    room: { id: '!shared:school.edu', isDirect: false },
    text,
  });
}

/** Only `config server` answers with its usage line or with "not in a shared room". */
function ranConfigServer(replies: Reply[]): boolean {
  const usage = t.usage(PREFIX, 'config server', 'config server <url> <secret>');
  return replies.some((r) => r.text === usage || r.text === t.configSecretNotHere(PREFIX));
}

// --- generators --------------------------------------------------------------------------

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u202e'];
const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\u202f', '\u2028', '\u0085', ' \u200b ', '\u200b ', ' \ufeff'];
const secret = fc.stringMatching(/^[A-Za-z0-9]{8,40}$/);
/** A word with a zero-width character somewhere inside, or not. */
const invisiblyBroken = (w: string) =>
  fc.tuple(fc.nat(w.length), fc.option(fc.constantFrom(...ZERO_WIDTH), { nil: '' })).map(([i, z]) => w.slice(0, i) + z + w.slice(i));
const quoted = (w: fc.Arbitrary<string>) =>
  fc.tuple(w, fc.constantFrom('', '"', "'", '“')).map(([x, q]) => (q === '“' ? `“${x}”` : `${q}${x}${q}`));
const pathWord = (w: string) => quoted(fc.mixedCase(fc.constant(w)).chain(invisiblyBroken));

/** `config server` and its arguments, spelled in many ways; `secret` always among them. */
const commandLine = fc
  .record({
    config: pathWord('config'),
    server: pathWord('server'),
    s: secret,
    args: fc.constantFrom('url secret', 'secret url', 'secret', 'url secret extra', 'url', 'secret --x', '--secret=S url'),
    quoteArgs: fc.constantFrom('', '"', "'"),
    glue: fc.constantFrom('none', 'path', 'args'),
    seps: fc.array(fc.constantFrom(...SPACES), { minLength: 6, maxLength: 6 }),
    lead: fc.constantFrom('', ' ', '\u200b', '\n'),
  })
  .map((r) => {
    const args = r.args.split(' ').map((a) =>
      a === 'url' ? URL_ARG : a === 'secret' ? `${r.quoteArgs}${r.s}${r.quoteArgs}` : a === 'extra' ? 'x' : a.replace('S', r.s),
    );
    let words = [r.config, r.server, ...args];
    if (r.glue === 'path') words = [`"config server"`, ...args]; // one quoted word: not `config server`
    if (r.glue === 'args' && args.length > 1) words = [r.config, r.server, `"${args.join(' ')}"`];
    return { s: r.s, text: r.lead + words.map((w, i) => (i === 0 ? w : r.seps[i % r.seps.length] + w)).join('') };
  });

/** The same line as a Matrix message: prefix, user id, display name, or a mention pill. */
const matrixMessage = fc.tuple(commandLine, fc.constantFrom('!conference', '!CONFERENCE', '!Conference:', '@classbot:school.edu', 'Class Bot:', 'class bot,', 'pill')).map(([line, how]) => ({
  s: line.s,
  content:
    how === 'pill'
      ? { body: `Class Bot: ${line.text}`, format: 'org.matrix.custom.html', formatted_body: `<a href="https://matrix.to/#/@classbot:school.edu">Class Bot</a>: ${line.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}` }
      : { body: `${how} ${line.text}` },
}));

describe('the secret guard decides as the core dispatches', () => {
  it('every text that reaches config server with its secret is flagged; nothing else is (property, real core)', async () => {
    const seen = { ran: 0, flagged: 0, notRan: 0 };
    await fc.assert(
      fc.asyncProperty(commandLine, async ({ s, text }) => {
        const ran = ranConfigServer(await coreAnswer(text));
        const flagged = isSecretBearing(text);
        const secretReachedIt = ran && text.includes(s);
        if (secretReachedIt) expect(flagged, JSON.stringify(text)).toBe(true);
        if (flagged) expect(ran, JSON.stringify(text)).toBe(true);
        seen.ran += ran ? 1 : 0;
        seen.flagged += flagged ? 1 : 0;
        seen.notRan += ran ? 0 : 1;
      }),
      { numRuns: 600 },
    );
    // The generator reaches both sides, so the property was really exercised.
    expect(seen.flagged).toBeGreaterThan(100);
    expect(seen.ran).toBeGreaterThan(seen.flagged); // `config server <url>` alone reaches the core unflagged
    expect(seen.notRan).toBeGreaterThan(50);
  });

  it('through the Matrix parser: whatever text a message hands the core, the guard sees the same text (property)', async () => {
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(matrixMessage, async ({ s, content }) => {
        const text = commandText(content, matrix);
        if (text === null) return; // not addressed to the bot: nothing reaches the core
        const ran = ranConfigServer(await coreAnswer(text));
        if (ran && text.includes(s)) {
          reached++;
          expect(isSecretBearing(text), JSON.stringify(content)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    expect(reached).toBeGreaterThan(80);
  });

  it('examples the old regex guard let through are flagged; harmless texts are not', () => {
    for (const text of [
      '"config" server https://x s3cretvalue',
      "'config' 'server' https://x s3cretvalue",
      'config "server" https://x s3cretvalue',
      'con\u200bfig ser\u00adver https://x s3cretvalue',
      'CONFIG\u00a0SERVER\thttps://x\ns3cretvalue',
      'config server s3cretvalue https://x',
      'config server s3cretvalue',
      'config server "https://x s3cretvalue"',
      'config server https://x --secret=s3cretvalue',
      'config \u200b server https://x s3cretvalue',
    ]) {
      expect(isSecretBearing(text), JSON.stringify(text)).toBe(true);
      expect(commandOf(text).found?.command.path).toEqual(['config', 'server']);
    }
    for (const text of ['config server https://x', 'config server', 'config link MATH101 Algebra', '"config server" https://x s3cretvalue', 'configserver https://x s3cretvalue', 'join s3cretvalue']) {
      expect(isSecretBearing(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('the tokenizer drops what the user cannot see and splits on every Unicode space', () => {
    expect(tokenize('con\u200bfig\u2060 \u200b ser\u00adver\u0085x\u3000y')).toEqual(['config', 'server', 'x', 'y']);
    expect(tokenize('link M1 "Class \u{1F469}\u200d\u{1F3EB}"')).toEqual(['link', 'M1', 'Class \u{1F469}\u200d\u{1F3EB}']); // emoji keep their joiner
    expect(commandOf('con\u200dfig show').found?.command.path).toEqual(['config', 'show']);
  });
});
