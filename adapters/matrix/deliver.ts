// Renders the core's replies for one command: 'room' replies in the room (never a join link),
// 'user' replies (and files) in the DM with the user, plus a short notice in the room that a DM
// was sent. A command typed in the DM is answered there.
import type { Reply } from '../../src/core/types.ts';
import type { MatrixContext } from './context.ts';
import { describeError, sendMessage } from './context.ts';
import type { DirectRooms } from './dm.ts';
import { matrixMessages } from './messages.ts';
import { sendInDm, sendInSharedRoom } from './messenger.ts';
import { textNotice } from './render.ts';

export interface CommandOrigin {
  roomId: string;
  eventId: string;
  sender: string;
  senderName: string;
  isDirect: boolean;
}

export async function deliverReplies(
  ctx: MatrixContext,
  dms: DirectRooms,
  origin: CommandOrigin,
  replies: readonly Reply[],
): Promise<void> {
  let dmUsed = false;
  let dmCreated = false;
  let dmFailed = false;
  for (const reply of replies) {
    try {
      if (origin.isDirect) {
        await sendInDm(ctx, origin.roomId, reply, origin.eventId);
      } else if (reply.audience === 'user' || reply.file) {
        const dm = await dms.roomFor(origin.sender);
        await sendInDm(ctx, dm.roomId, reply);
        dmUsed = true;
        dmCreated ||= dm.created;
      } else {
        await sendInSharedRoom(ctx, origin.roomId, reply, origin.eventId);
      }
    } catch (e) {
      if (!origin.isDirect && (reply.audience === 'user' || reply.file)) dmFailed = true;
      ctx.log.error('matrix: could not deliver a reply', { roomId: origin.roomId, ...describeError(e) });
    }
  }
  if (origin.isDirect) return;
  const m = matrixMessages(ctx.app.languageFor('matrix', origin.roomId)); // a notice in the room
  const notice = dmFailed ? m.dmFailed(origin.senderName) : dmUsed ? m.dmSent(origin.senderName, dmCreated) : null;
  if (notice === null) return;
  try {
    await sendMessage(ctx, origin.roomId, textNotice(notice, origin.eventId));
  } catch (e) {
    ctx.log.warn('matrix: could not post the DM notice', { roomId: origin.roomId, ...describeError(e) });
  }
}
