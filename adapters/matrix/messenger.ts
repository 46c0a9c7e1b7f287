// Sending replies: to a shared room (never a join link), or into the DM with a user (links and
// files go only there). Also the Messenger port the core uses for later messages.
import type { Messenger, Reply } from '../../src/core/types.ts';
import { assertNoJoinLinkInRoom } from '../../src/core/types.ts';
import type { MatrixContext } from './context.ts';
import { sendMessage } from './context.ts';
import type { DirectRooms } from './dm.ts';
import { fileMessage, renderReply, replacement } from './render.ts';

/**
 * Into the bot's DM with the user (dm.ts checked it just before): text, links and the file
 * (uploaded to the media repo; encrypted first when the DM is, so the server never has it in clear).
 */
export async function sendInDm(ctx: MatrixContext, roomId: string, reply: Reply, inReplyTo?: string): Promise<void> {
  await sendMessage(ctx, roomId, renderReply(reply, { prefix: ctx.prefix, inReplyTo }));
  if (reply.file) {
    const { content } = reply.file;
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const meta = { name: reply.file.name, contentType: reply.file.contentType, size: data.length, data };
    const crypto = ctx.e2ee ? ctx.client.crypto : undefined;
    if (crypto && (await crypto.isRoomEncrypted(roomId))) {
      const sealed = await crypto.encryptMedia(data);
      const mxc = await ctx.client.uploadContent(sealed.buffer, 'application/octet-stream');
      await sendMessage(ctx, roomId, fileMessage(meta, mxc, sealed.file as unknown as Record<string, unknown>));
    } else {
      const mxc = await ctx.client.uploadContent(data, reply.file.contentType, reply.file.name);
      await sendMessage(ctx, roomId, fileMessage(meta, mxc));
    }
  }
}

/** Into a shared room: refuses join links (they are credentials); files never go there. Returns the event id. */
export async function sendInSharedRoom(
  ctx: MatrixContext,
  roomId: string,
  reply: Reply,
  inReplyTo?: string,
): Promise<string> {
  assertNoJoinLinkInRoom({ ...reply, audience: 'room' });
  if (reply.file) ctx.log.warn('matrix: not posting a file to a shared room', { roomId, file: reply.file.name });
  return sendMessage(ctx, roomId, renderReply(reply, { prefix: ctx.prefix, inReplyTo }));
}

export function createMessenger(ctx: MatrixContext, dms: DirectRooms): Messenger {
  return {
    platform: 'matrix',
    async sendToRoom(roomId, reply) {
      return sendInSharedRoom(ctx, roomId, reply); // the event id: what an edit (m.replace) points at
    },
    async editRoomMessage(roomId, eventId, reply) {
      assertNoJoinLinkInRoom({ ...reply, audience: 'room' });
      await sendMessage(ctx, roomId, replacement(eventId, renderReply(reply, { prefix: ctx.prefix })));
    },
    async sendToUser(userId, reply) {
      const dm = await dms.roomFor(userId);
      await sendInDm(ctx, dm.roomId, reply);
    },
  };
}
