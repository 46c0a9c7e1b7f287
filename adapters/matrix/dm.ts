// Direct-message rooms between the bot and one user: where join links and secrets may go.
// Found in app.state ('matrix-dm') or the bot's m.direct account data, else created (unencrypted,
// is_direct, trusted_private_chat) and recorded in both.
import type { MatrixContext } from './context.ts';
import { describeError, errcodeOf } from './context.ts';
import type { EncryptionWatch } from './encryption.ts';

const DM_NAMESPACE = 'matrix-dm';

/**
 * A room is a DM for `userId` when its joined members are exactly the bot and that user. An
 * m.direct listing alone is not enough: a third person may have been invited since, and then a
 * secret or a join link typed there is no longer private.
 */
export function isDirectRoom(members: readonly string[], botUserId: string, userId: string): boolean {
  return members.length === 2 && members.includes(botUserId) && members.includes(userId) && botUserId !== userId;
}

export class DirectRooms {
  private readonly pending = new Map<string, Promise<{ roomId: string; created: boolean }>>();

  constructor(
    private readonly ctx: MatrixContext,
    private readonly encryption: EncryptionWatch,
  ) {}

  /** The DM room with the user, created when there is none usable. Concurrent calls share one. */
  roomFor(userId: string): Promise<{ roomId: string; created: boolean }> {
    const running = this.pending.get(userId);
    if (running) return running;
    const p = this.findOrCreate(userId).finally(() => this.pending.delete(userId));
    this.pending.set(userId, p);
    return p;
  }

  /** Records a DM room (e.g. one the user invited the bot to) for later reuse. */
  async record(userId: string, roomId: string): Promise<void> {
    this.ctx.app.state.set(DM_NAMESPACE, userId, roomId);
    const direct = await this.readDirect();
    if (direct === null) return; // unreadable: do not overwrite it with less
    const rooms = [roomId, ...(direct[userId] ?? []).filter((r) => r !== roomId)];
    await this.ctx.client.setAccountData('m.direct', { ...direct, [userId]: rooms });
  }

  private async findOrCreate(userId: string): Promise<{ roomId: string; created: boolean }> {
    const stored = this.ctx.app.state.get(DM_NAMESPACE, userId);
    const candidates = [...new Set([...(stored ? [stored] : []), ...((await this.readDirect())?.[userId] ?? [])])];
    for (const roomId of candidates) {
      if (await this.usable(roomId, userId)) {
        if (roomId !== stored) this.ctx.app.state.set(DM_NAMESPACE, userId, roomId);
        return { roomId, created: false };
      }
    }
    if (stored) this.ctx.app.state.delete(DM_NAMESPACE, userId);
    const roomId = await this.ctx.client.createRoom({
      invite: [userId],
      is_direct: true,
      preset: 'trusted_private_chat',
      initial_state: [],
    });
    this.ctx.log.info('matrix: created a direct-message room', { userId, roomId });
    await this.record(userId, roomId);
    return { roomId, created: true };
  }

  /** The bot is in the room, nobody else but the user is, and it is not encrypted. */
  private async usable(roomId: string, userId: string): Promise<boolean> {
    let members: string[];
    try {
      members = await this.ctx.client.getJoinedRoomMembers(roomId);
    } catch {
      return false; // not a member any more (or the room is gone)
    }
    if (!members.includes(this.ctx.botUserId)) return false;
    if (!members.every((m) => m === this.ctx.botUserId || m === userId)) return false;
    return !(await this.encryption.isEncrypted(roomId));
  }

  /** The bot's m.direct map; {} when it has none yet, null when it could not be read. */
  private async readDirect(): Promise<Record<string, string[]> | null> {
    try {
      const content: unknown = await this.ctx.client.getAccountData('m.direct');
      const out: Record<string, string[]> = {};
      if (typeof content !== 'object' || content === null) return out;
      for (const [user, rooms] of Object.entries(content)) {
        if (Array.isArray(rooms)) out[user] = rooms.filter((r): r is string => typeof r === 'string');
      }
      return out;
    } catch (e) {
      if (errcodeOf(e) === 'M_NOT_FOUND') return {};
      this.ctx.log.warn('matrix: could not read m.direct', describeError(e));
      return null;
    }
  }
}
