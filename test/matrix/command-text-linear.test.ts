// Issue 9, item 3: every message in every room goes through commandText, so it must cost linear
// time whatever the body, and look at a bounded prefix only. The old regex parser took seconds on
// 60 kB of `<a ` fragments; the new one is compared with it on normal, well-formed messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandText, MAX_EXAMINED_CHARS } from '../../adapters/matrix/command-text.ts';
import { htmlToText, leadingPill, withoutReplyQuote } from '../../adapters/matrix/html-text.ts';
import { commandText as oldCommandText } from './old-command-text.ts';

const opts = { prefix: '!conference', botUserId: '@classbot:school.edu', botDisplayName: 'Class Bot' };
const HTML = 'org.matrix.custom.html';
const PILL = '<a href="https://matrix.to/#/@classbot:school.edu">Class Bot</a>';
const MB = 1 << 20;

/**
 * Shapes that made the old regexes backtrack quadratically, stretched to `n` characters. Passed
 * through JSON like a real event's content (`repeat` builds a rope that is flattened on first use).
 */
function adversarial(n: number): Record<string, string> {
  const fill = (unit: string, head = '') => JSON.parse(JSON.stringify(head + unit.repeat(Math.ceil((n - head.length) / unit.length)))) as string;
  return {
    'many <a href= without a closing >': fill('<a href=', '<a '),
    'many href="https://matrix.to/#/… without quotes closing': fill(' href="https://matrix.to/#/@x', '<a '),
    'a pill, then < without >': fill('<', PILL),
    'a pill, then <br without >': fill('<br ', PILL),
    '<a and blanks': fill(' ', '<a '),
    'an unclosed mx-reply': fill('<a href="https://matrix.to/#/x">', '<mx-reply>'),
    'a pill without </a>': fill('x', '<a href="https://matrix.to/#/@classbot:school.edu">'),
  };
}

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('matrix commandText: linear time, bounded input', () => {
  it('a 1 MB formatted_body or body of any adversarial shape is answered in well under 100 ms', () => {
    for (const [shape, html] of Object.entries(adversarial(MB))) {
      const ms = timed(() => commandText({ body: 'Class Bot: join', format: HTML, formatted_body: html }, opts));
      expect(ms, shape).toBeLessThan(100);
      const asBody = timed(() => commandText({ body: `!conference ${html}`, format: HTML, formatted_body: html }, opts));
      expect(asBody, `${shape} (as body)`).toBeLessThan(100);
    }
  });

  // Without the size limit in front: a quadratic scanner would take minutes on 1 MB (the old one
  // took 4-13 s on 60 kB), a linear one takes tens of milliseconds.
  it('the HTML scanners themselves are linear: 1 MB of each shape, no size limit in front, well under a second', () => {
    for (const [shape, html] of Object.entries(adversarial(MB))) {
      const ms = timed(() => {
        const rest = withoutReplyQuote(html);
        leadingPill(rest);
        htmlToText(rest);
      });
      expect(ms, shape).toBeLessThan(1000);
    }
  });

  it('examines at most MAX_EXAMINED_CHARS: a longer message is not a command, a message at the limit still is', () => {
    const args = (len: number) => `config set welcome "${'w'.repeat(len)}"`;
    const atLimit = `!conference ${args(MAX_EXAMINED_CHARS - '!conference config set welcome ""'.length)}`;
    expect(atLimit).toHaveLength(MAX_EXAMINED_CHARS);
    expect(commandText({ body: atLimit }, opts)).toBe(atLimit.slice('!conference '.length));
    expect(commandText({ body: `${atLimit}w` }, opts)).toBeNull();
    const pillTooLong = `${PILL}: join${' '.repeat(MAX_EXAMINED_CHARS)}`;
    expect(commandText({ body: 'hello', format: HTML, formatted_body: pillTooLong }, opts)).toBeNull();
    expect(commandText({ body: 'hello', format: HTML, formatted_body: pillTooLong.trimEnd() }, opts)).toBe('join');
    expect(MAX_EXAMINED_CHARS).toBeLessThanOrEqual(16_384); // "a few KB"
  });
});

// --- the new parser answers as the old one did on normal messages ---------------------------

const word = fc.stringMatching(/^[A-Za-z0-9_.@:/#-]{1,12}$/);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const plainText = fc.array(fc.oneof(word, fc.constantFrom('"Algebra I"', "'x y'", '<b>', 'a & b', '&lt;')), { maxLength: 6 }).map((ws) => ws.join(' '));
const user = fc.constantFrom('@classbot:school.edu', '@tina:school.edu', '@classbot:other.org', '@class%62ot:school.edu', '@classbot:school.edu?via=x');
const pill = fc.record({
  user,
  quote: fc.constantFrom('"', "'"),
  before: fc.constantFrom('', ' title="Class Bot"', ' data-mention="user"'),
  after: fc.constantFrom('', ' rel="noopener"'),
  label: fc.constantFrom('Class Bot', 'classbot', '<b>Class Bot</b>', 'Tina'),
  close: fc.constantFrom('</a>', '</A>'),
}).map((p) => `<a${p.before} href=${p.quote}https://matrix.to/#/${p.user}${p.quote}${p.after}>${p.label}${p.close}`);
const formatted = fc.record({
  reply: fc.constantFrom('', '<mx-reply><blockquote>earlier <a href="https://matrix.to/#/@tina:school.edu">Tina</a></blockquote></mx-reply>'),
  lead: fc.constantFrom('', ' ', '\n'),
  pill: fc.option(pill, { nil: '' }),
  sep: fc.constantFrom('', ': ', ', ', ' ', ':', '&nbsp;'),
  text: plainText.map(escapeHtml),
  br: fc.constantFrom('', '<br>', '<br/>', '<br />', '<p>x</p>'),
}).map((f) => `${f.reply}${f.lead}${f.pill}${f.sep}${f.text}${f.br}`);
const body = fc.record({
  fallback: fc.constantFrom('', '> <@tina:school.edu> earlier\n> more\n\n'),
  lead: fc.constantFrom('', '  ', '\n'),
  addressee: fc.constantFrom('!conference', '!CONFERENCE', '!conferencejoin', '@classbot:school.edu', 'Class Bot', 'class bot:', 'Class Botany', 'hello', ''),
  sep: fc.constantFrom('', ' ', ': ', ', ', '\t', '\u00a0'),
  text: plainText,
}).map((b) => `${b.fallback}${b.lead}${b.addressee}${b.sep}${b.text}`);

describe('matrix commandText: same answers as the old parser', () => {
  it('on well-formed messages of normal size (property)', () => {
    fc.assert(
      fc.property(body, fc.option(formatted, { nil: undefined }), fc.constantFrom(HTML, 'other'), (b, html, format) => {
        const content = html === undefined ? { body: b } : { body: b, format, formatted_body: html };
        expect(commandText(content, opts)).toBe(oldCommandText(content, opts));
      }),
      { numRuns: 3000 },
    );
  });

  it('the generators reach both answers: commands through the prefix, the pill and the name, and non-commands', () => {
    const samples = fc.sample(fc.tuple(body, formatted), { numRuns: 2000, seed: 7 });
    const answers = samples.map(([b, html]) => commandText({ body: b, format: HTML, formatted_body: html }, opts));
    const viaPill = samples.filter(([b, html], i) => answers[i] !== null && !/(!conference|@classbot|class bot)/i.test(b) && html.includes('@classbot:school.edu"'));
    expect(answers.filter((a) => a === null).length).toBeGreaterThan(100);
    expect(answers.filter((a) => a !== null && a !== '').length).toBeGreaterThan(100);
    expect(viaPill.length).toBeGreaterThan(10);
  });
});
