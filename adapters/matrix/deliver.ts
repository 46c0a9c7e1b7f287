// Renders the core's replies for one command: 'room' replies in the room (never a join link),
// private ones ('user' replies and files) in the bot's DM with the user, found and checked again
// for each reply (dm.ts), plus a short notice in the room that a DM was sent. A command typed in
// that DM gets its private replies there, as long as it is still private.
import type { Reply } from '../../src/core/types.ts';
import type { MatrixContext } from './context.ts';
import { describeError, sendMessage } from './context.ts';
import type { DirectRooms } from './dm.ts';
import { matrixMessages } from './messages.ts';
import { sendInDm, sendInSharedRoom } from './messenger.ts';
import { mentionNotice } from './render.ts';

export interface CommandOrigin {
  roomId: string;
  eventId: string;
  sender: string;
  senderName: string;
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
    const isPrivate = reply.audience === 'user' || reply.file !== undefined;
    try {
      if (isPrivate) {
        const dm = await dms.roomFor(origin.sender);
        const here = dm.roomId === origin.roomId;
        await sendInDm(ctx, dm.roomId, reply, here ? origin.eventId : undefined);
        dmUsed ||= !here;
        dmCreated ||= dm.created;
      } else {
        const eventId = await sendInSharedRoom(ctx, origin.roomId, reply, origin.eventId);
        ctx.app.roomReplyPosted?.('matrix', origin.roomId, reply, eventId); // a class summary: the core may edit it later
      }
    } catch (e) {
      if (isPrivate) dmFailed = true;
      ctx.log.error('matrix: could not deliver a reply', { roomId: origin.roomId, ...describeError(e) });
    }
  }
  const m = matrixMessages(ctx.app.languageFor('matrix', origin.roomId)); // a notice in the room
  const notice = dmFailed ? m.dmFailed : dmUsed ? m.dmSent(dmCreated) : null;
  if (notice === null) return;
  try {
    const to = { id: origin.sender, displayName: origin.senderName };
    await sendMessage(ctx, origin.roomId, mentionNotice(to, notice, origin.eventId));
  } catch (e) {
    ctx.log.warn('matrix: could not post the DM notice', { roomId: origin.roomId, ...describeError(e) });
  }
}
