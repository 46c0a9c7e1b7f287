// Replies (data from the core) -> Matrix event contents. Bots speak in m.notice; the HTML body
// escapes the text and carries links as <a>; a reply to a command points at the command event.
import type { Reply } from '../../src/core/types.ts';
import { matrixMessages } from './messages.ts';

export type EventContent = Record<string, unknown>;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped text; `code` spans become <code>, new lines <br>. */
function textToHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\n/g, '<br>');
}

function withReplyTo(content: EventContent, inReplyTo: string | undefined): EventContent {
  if (inReplyTo !== undefined) content['m.relates_to'] = { 'm.in_reply_to': { event_id: inReplyTo } };
  return content;
}

/**
 * Intentional mentions (Matrix 1.7): an event with `m.mentions` notifies only whom it lists, and
 * servers then skip the legacy rules that ping on `@room` or a display name found in the body.
 * The core's texts may carry display names, which anyone may set to `@room`: they mention no one.
 */
const NO_MENTIONS = { 'm.mentions': {} };

/** A plain-text notice (adapter strings such as the error notice). */
export function textNotice(text: string, inReplyTo?: string): EventContent {
  return withReplyTo(
    { msgtype: 'm.notice', body: text, format: 'org.matrix.custom.html', formatted_body: textToHtml(text), ...NO_MENTIONS },
    inReplyTo,
  );
}

/**
 * A notice addressed to one user: their user id (never their display name, which anyone may set
 * to `@room`) leads the body, a matrix.to pill the HTML, and m.mentions names only them, so
 * clients that honour intentional mentions notify nobody else.
 */
export function mentionNotice(user: { id: string; displayName: string }, text: string, inReplyTo?: string): EventContent {
  const pill = `<a href="https://matrix.to/#/${escapeHtml(user.id)}">${escapeHtml(user.displayName)}</a>`;
  return withReplyTo(
    {
      msgtype: 'm.notice',
      body: `${user.id}: ${text}`,
      format: 'org.matrix.custom.html',
      formatted_body: `${pill}: ${textToHtml(text)}`,
      'm.mentions': { user_ids: [user.id] },
    },
    inReplyTo,
  );
}

/** Unformatted notice (no HTML at all), for rooms whose clients may show our text oddly. */
export function bareNotice(text: string): EventContent {
  return { msgtype: 'm.notice', body: text };
}

export function renderReply(reply: Reply, opts: { prefix: string; inReplyTo?: string | undefined }): EventContent {
  const bodyLines = [reply.text];
  const htmlParts = [textToHtml(reply.text)];
  for (const link of reply.links ?? []) {
    bodyLines.push(`${link.label}: ${link.url}`);
    htmlParts.push(`<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`);
  }
  for (const action of reply.actions ?? []) {
    if (reply.text.includes(`${opts.prefix} ${action.id}`)) continue; // the text already says what to type
    const hint = matrixMessages(reply.language).actionHint(action.label, `\`${opts.prefix} ${action.command ?? action.id}\``);
    bodyLines.push(hint);
    htmlParts.push(textToHtml(hint));
  }
  return withReplyTo(
    {
      msgtype: 'm.notice',
      body: bodyLines.join('\n'),
      format: 'org.matrix.custom.html',
      formatted_body: htmlParts.join('<br>'),
      ...NO_MENTIONS,
    },
    opts.inReplyTo,
  );
}

/**
 * An edit of an earlier event (m.replace): clients that understand it show `content` in its place;
 * others show the fallback, the same text marked with "* " as the spec suggests.
 */
export function replacement(eventId: string, content: EventContent): EventContent {
  const fallback: EventContent = { ...content, body: `* ${String(content['body'])}` };
  if (typeof content['formatted_body'] === 'string') fallback['formatted_body'] = `* ${content['formatted_body']}`;
  return { ...fallback, 'm.new_content': content, 'm.relates_to': { rel_type: 'm.replace', event_id: eventId } };
}

/** A file message: `mxcUrl` for a plain upload, or `encrypted` (key, iv, hashes and url) in an encrypted room. */
export function fileMessage(file: { name: string; contentType: string; size: number; data?: Uint8Array }, mxcUrl: string, encrypted?: Record<string, unknown>): EventContent {
  const image = file.contentType.startsWith('image/');
  // An image's size lets clients lay the message out before the picture has loaded.
  const dims = image && file.data ? pngSize(file.data) : undefined;
  return {
    msgtype: image ? 'm.image' : 'm.file',
    body: file.name,
    filename: file.name,
    ...(encrypted ? { file: { ...encrypted, url: mxcUrl } } : { url: mxcUrl }),
    info: { mimetype: file.contentType, size: file.size, ...dims },
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (the first one, right after the signature); undefined for anything else. */
export function pngSize(data: Uint8Array): { w: number; h: number } | undefined {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}
