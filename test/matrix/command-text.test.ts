// Parsing of message contents into command text (pure functions).
import { describe, expect, it } from 'vitest';
import { commandText, stripReplyFallback } from '../../adapters/matrix/command-text.ts';
import { renderReply, escapeHtml } from '../../adapters/matrix/render.ts';

const opts = { prefix: '!conference', botUserId: '@classbot:school.edu', botDisplayName: 'Class Bot' };
const text = (body: string, extra: Record<string, unknown> = {}) => commandText({ body, ...extra }, opts);

describe('commandText', () => {
  it('takes the text after the prefix, or null', () => {
    expect(text('!conference join')).toBe('join');
    expect(text('  !conference   config link MATH101 Algebra ')).toBe('config link MATH101 Algebra');
    expect(text('!conference')).toBe('');
    expect(text('!conferencejoin')).toBeNull();
    expect(text('hello !conference join')).toBeNull();
    expect(text('')).toBeNull();
    expect(commandText({ body: 42 }, opts)).toBeNull();
  });

  it('accepts a mention followed by a subcommand, not a bare mention', () => {
    expect(text('@classbot:school.edu join')).toBe('join');
    expect(text('class bot: join')).toBe('join');
    expect(text('Class Bot')).toBeNull();
    expect(text('Class Botany is fun')).toBeNull();
    const pill = '<a href="https://matrix.to/#/@classbot:school.edu">Class Bot</a>: end';
    expect(text('Class Bot: end', { format: 'org.matrix.custom.html', formatted_body: pill })).toBe('end');
    const other = '<a href="https://matrix.to/#/@tina:school.edu">Tina</a>: end';
    expect(text('Tina: end', { format: 'org.matrix.custom.html', formatted_body: other })).toBeNull();
  });

  it('ignores the quoted fallback of a reply', () => {
    expect(stripReplyFallback('> <@tina:school.edu> !conference start\n\n!conference join')).toBe('!conference join');
    expect(text('> <@tina:school.edu> !conference start\n\nthanks')).toBeNull();
  });
});

describe('renderReply', () => {
  it('escapes text, renders links as <a> and points at the command', () => {
    const content = renderReply(
      { audience: 'user', text: 'Hi <b> & "you"\nline 2 `code`', links: [{ url: 'https://x/?a=1&b=2', label: 'Go <now>', kind: 'join-viewer' }] },
      { prefix: '!conference', inReplyTo: '$cmd' },
    );
    expect(content).toEqual({
      msgtype: 'm.notice',
      body: 'Hi <b> & "you"\nline 2 `code`\nGo <now>: https://x/?a=1&b=2',
      format: 'org.matrix.custom.html',
      formatted_body:
        'Hi &lt;b&gt; &amp; &quot;you&quot;<br>line 2 <code>code</code><br><a href="https://x/?a=1&amp;b=2">Go &lt;now&gt;</a>',
      'm.mentions': {},
      'm.relates_to': { 'm.in_reply_to': { event_id: '$cmd' } },
    });
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
