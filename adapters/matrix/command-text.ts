// Turns the content of an m.room.message into the command text for the core, or null when the
// message is not addressed to the bot. Addressed = starts with the prefix (`!conference`), or
// with a mention of the bot (its user id, its display name, or a matrix.to pill) followed by a
// subcommand. Only the first MAX_EXAMINED_CHARS are ever looked at: a longer message is not a
// command, so a huge body costs nothing (issue 9, item 3).
import { htmlToText, leadingPill, withoutReplyQuote } from './html-text.ts';

/** A command is a line or two; a body or formatted_body longer than this is not a command. */
export const MAX_EXAMINED_CHARS = 8192;

export interface CommandMatchOptions {
  prefix: string;
  botUserId: string;
  botDisplayName?: string | undefined;
}

interface TextContent {
  body?: unknown;
  format?: unknown;
  formatted_body?: unknown;
}

/** Removes the quoted fallback (`> <@user> …` lines and a blank line) that replies start with. */
export function stripReplyFallback(body: string): string {
  const lines = body.split('\n');
  if (!lines[0]?.startsWith('> ')) return body;
  let i = 0;
  while (i < lines.length && lines[i]?.startsWith('>')) i++;
  if (lines[i] === '') i++;
  return lines.slice(i).join('\n');
}

export function commandText(content: TextContent, opts: CommandMatchOptions): string | null {
  if (typeof content.body !== 'string' || content.body.length > MAX_EXAMINED_CHARS) return null;
  const body = stripReplyFallback(content.body).trimStart();
  const afterPrefix = afterWord(body, opts.prefix);
  if (afterPrefix !== null) return afterPrefix;
  const pill = afterPill(content, opts.botUserId);
  if (pill !== null) return nonEmpty(pill);
  for (const name of [opts.botUserId, opts.botDisplayName]) {
    if (!name) continue;
    const rest = afterWord(body, name);
    if (rest !== null) return nonEmpty(rest.replace(/^[:,]\s*/, ''));
  }
  return null;
}

/** The text after `word` when `body` starts with it (case-insensitive) and the word ends there. */
function afterWord(body: string, word: string): string | null {
  if (body.slice(0, word.length).toLowerCase() !== word.toLowerCase()) return null;
  const rest = body.slice(word.length);
  if (rest !== '' && !/^[\s:,]/.test(rest)) return null;
  return rest.replace(/^[:,]/, '').trim();
}

function nonEmpty(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** formatted_body starting with `<a href="https://matrix.to/#/@bot:server">…</a>`: the text after it. */
function afterPill(content: TextContent, botUserId: string): string | null {
  if (content.format !== 'org.matrix.custom.html' || typeof content.formatted_body !== 'string') return null;
  if (content.formatted_body.length > MAX_EXAMINED_CHARS) return null;
  const html = withoutReplyQuote(content.formatted_body);
  const pill = leadingPill(html);
  if (pill?.target !== botUserId) return null;
  return htmlToText(html.slice(pill.end)).replace(/^\s*[:,]?\s*/, '');
}
