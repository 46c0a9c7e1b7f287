// Slash-command text as Slack sends it (should_escape: true) -> the plain text the core parses.
import type { InvocationRoom } from '../../src/core/types.ts';

/**
 * With escaping on, Slack wraps URLs (`<https://bbb.example.edu/bigbluebutton/>`, with `|label` when
 * it shortened them) and HTML-escapes `&`, `<`, `>`. Mentions stay as `<@U123|name>` for the core.
 */
export function normaliseCommandText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** A direct message conversation (IDs start with D; slash commands there say `directmessage`). */
export function isDirectChannel(id: string, name?: string): boolean {
  return id.startsWith('D') || name === 'directmessage';
}

export function slackRoom(id: string, name?: string): InvocationRoom {
  const room: InvocationRoom = { id, isDirect: isDirectChannel(id, name) };
  if (name) room.name = name;
  return room;
}
