// How replies look in the terminal: human lines, or one JSON object per reply for scripts.
import type { Reply } from '../../src/core/types.ts';
import { assertNoJoinLinkInRoom } from '../../src/core/types.ts';
import { messages } from '../../src/i18n/index.ts';

export interface ConsoleLine {
  room: string;
  audience: 'room' | 'user';
  /** The addressee of a private reply; the invoker (or "bot") for a room reply. */
  user: string;
  text: string;
  links: string[];
  file?: string;
}

export function toLine(reply: Reply, room: string, user: string, filePath?: string): ConsoleLine {
  assertNoJoinLinkInRoom(reply);
  const line: ConsoleLine = { room, audience: reply.audience, user, text: reply.text, links: (reply.links ?? []).map((l) => l.url) };
  if (filePath) line.file = filePath;
  return line;
}

export function formatHuman(line: ConsoleLine, reply: Reply): string {
  const m = messages(reply.language).console;
  const head = line.audience === 'room' ? `[#${line.room}] bot:` : `[#${line.room}] bot → ${line.user} ${m.privateTo(line.user)}:`;
  const out = [`${head} ${line.text.split('\n').join('\n    ')}`];
  for (const l of reply.links ?? []) out.push(`    ${l.label}: ${l.url}`);
  for (const a of reply.actions ?? []) out.push(`    [${a.label}] → ${m.typeAction(a.command ?? a.id)}`);
  if (line.file) out.push(`    file: ${line.file}`);
  return out.join('\n');
}
