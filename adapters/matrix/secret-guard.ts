// `config server <url> <secret>` typed in a shared room: the secret is already exposed. Delete the
// message at once, never hand the secret to the core, and tell the admin what to do.
import type { MatrixContext } from './context.ts';
import { describeError, sendMessage } from './context.ts';
import { matrixMessages } from './messages.ts';
import { textNotice } from './render.ts';

export const SECRET_REDACTION_REASON = 'contained a secret';

export async function refuseSecretInSharedRoom(
  ctx: MatrixContext,
  cmd: { roomId: string; eventId: string; sender: string; senderName: string },
): Promise<void> {
  let redacted = true;
  try {
    await ctx.client.redactEvent(cmd.roomId, cmd.eventId, SECRET_REDACTION_REASON);
  } catch (e) {
    redacted = false;
    ctx.log.error('matrix: could not redact a message containing a secret', { roomId: cmd.roomId, ...describeError(e) });
  }
  ctx.log.warn('matrix: a BigBlueButton secret was typed in a shared room; told the sender to rotate it', {
    roomId: cmd.roomId,
    sender: cmd.sender,
    redacted,
  });
  const m = matrixMessages(ctx.app.languageFor('matrix', cmd.roomId)); // the room reads it
  const text = redacted ? m.secretRedacted(cmd.senderName, ctx.prefix) : m.secretNotRedacted(cmd.senderName, ctx.prefix);
  await sendMessage(ctx, cmd.roomId, textNotice(text, cmd.eventId));
}
