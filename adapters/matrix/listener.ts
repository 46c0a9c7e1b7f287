// Timeline events -> commands. Filters first (own events, the past, notices, duplicates, edits),
// then the secret guard, then the core, then rendering.
import type { Reply } from '../../src/core/types.ts';
import { commandText } from './command-text.ts';
import type { MatrixContext } from './context.ts';
import { describeError, errorRef, sendMessage } from './context.ts';
import { deliverReplies } from './deliver.ts';
import type { DirectRooms } from './dm.ts';
import type { EncryptionWatch } from './encryption.ts';
import type { MatrixEvent, SeenEvents } from './filters.ts';
import { effectiveContent, isEdit, isFromThePast, isNotice } from './filters.ts';
import { buildInvocation, displayNameOf, joinedMembers } from './invocation.ts';
import { matrixMessages } from './messages.ts';
import { textNotice } from './render.ts';
import { isSecretBearing, refuseSecretInSharedRoom } from './secret-guard.ts';

export interface ListenerDeps {
  dms: DirectRooms;
  encryption: EncryptionWatch;
  seen: SeenEvents;
  startedAt: number;
}

export async function onRoomEvent(ctx: MatrixContext, deps: ListenerDeps, roomId: string, ev: MatrixEvent): Promise<void> {
  if (ev.sender === ctx.botUserId) return;
  if (ev.type === 'm.room.encrypted' || (ev.type === 'm.room.encryption' && ev.state_key === '')) {
    await deps.encryption.onEncryptedEvent(roomId, ev.type, ev.event_id);
    return;
  }
  if (ev.type === 'm.room.message') await onMessage(ctx, deps, roomId, ev);
}

async function onMessage(ctx: MatrixContext, deps: ListenerDeps, roomId: string, ev: MatrixEvent): Promise<void> {
  const content = ev.content ?? {};
  const eventId = ev.event_id;
  const sender = ev.sender;
  if (typeof eventId !== 'string' || typeof sender !== 'string') return;
  if (isNotice(content) || isFromThePast(ev, deps.startedAt)) return;
  const text = commandText(effectiveContent(content), {
    prefix: ctx.prefix,
    botUserId: ctx.botUserId,
    botDisplayName: ctx.botDisplayName,
  });
  if (text === null) return;
  if (!deps.seen.firstTime(eventId)) {
    ctx.log.debug('matrix: ignoring a duplicate delivery', { roomId, eventId });
    return;
  }
  const profiles = await joinedMembers(ctx, roomId);
  // Private only in the DM the bot made for the sender; anywhere else a secret is public.
  const isDirect = await deps.dms.isPrivateFor(roomId, sender);
  const senderName = displayNameOf(profiles, sender);
  if (!isDirect && isSecretBearing(text)) {
    await refuseSecretInSharedRoom(ctx, { roomId, eventId, sender, senderName });
    return;
  }
  if (isEdit(content)) return;
  const invocation = await buildInvocation(ctx, { roomId, sender, text, profiles, isDirect });
  ctx.log.info('matrix: command', { roomId, sender, command: text.split(/\s+/)[0] ?? '', isDirect });
  let replies: Reply[];
  try {
    replies = await ctx.app.handle(invocation);
  } catch (e) {
    const ref = errorRef();
    ctx.log.error('matrix: the command failed', { ref, roomId, ...describeError(e) });
    await sendMessage(ctx, roomId, textNotice(matrixMessages(ctx.app.languageFor('matrix', roomId)).somethingWentWrong(ref), eventId));
    return;
  }
  await deliverReplies(ctx, deps.dms, { roomId, eventId, sender, senderName }, replies);
}
