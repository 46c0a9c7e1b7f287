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

/** A plain-text notice (adapter strings such as the DM-sent and encrypted-room notices). */
export function textNotice(text: string, inReplyTo?: string): EventContent {
  return withReplyTo(
    { msgtype: 'm.notice', body: text, format: 'org.matrix.custom.html', formatted_body: textToHtml(text) },
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
    const hint = matrixMessages(reply.language).actionHint(action.label, `\`${opts.prefix} ${action.id}\``);
    bodyLines.push(hint);
    htmlParts.push(textToHtml(hint));
  }
  return withReplyTo(
    {
      msgtype: 'm.notice',
      body: bodyLines.join('\n'),
      format: 'org.matrix.custom.html',
      formatted_body: htmlParts.join('<br>'),
    },
    opts.inReplyTo,
  );
}

export function fileMessage(file: { name: string; contentType: string; size: number }, mxcUrl: string): EventContent {
  return {
    msgtype: 'm.file',
    body: file.name,
    filename: file.name,
    url: mxcUrl,
    info: { mimetype: file.contentType, size: file.size },
  };
}
