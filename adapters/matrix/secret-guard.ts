// `config server <url> <secret>` typed anywhere but the bot's DM with the sender (dm.ts): the secret is already exposed. Delete the
// message at once, never hand the secret to the core, and tell the admin what to do. Whether a
// text carries a secret is decided by the core's own tokenizer and command table (isSecretBearing),
// so no spelling that reaches `config server` slips past the guard.
import type { MatrixContext } from './context.ts';
import { describeError, sendMessage } from './context.ts';
import { matrixMessages } from './messages.ts';
import { mentionNotice } from './render.ts';

export { isSecretBearing } from '../../src/commands/registry.ts';

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
  const text = redacted ? m.secretRedacted(ctx.prefix) : m.secretNotRedacted(ctx.prefix);
  await sendMessage(ctx, cmd.roomId, mentionNotice({ id: cmd.sender, displayName: cmd.senderName }, text, cmd.eventId));
}
