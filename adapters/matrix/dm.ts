// Direct-message rooms between the bot and one user: the only place for join links, secrets and
// reports. Only a room the bot created for that user counts (recorded in app.state 'matrix-dm'
// and the bot's m.direct), and only while it passes the rule in dm-rule.ts, checked again before
// every send. A room a user made and invited the bot to is a shared room, however few are in it:
// its creator holds its state (join rule, history, invites), and `is_direct` is only the
// inviter's word. Created DMs give the user no power over membership or state (dmPowerLevels).
import type { MatrixContext } from './context.ts';
import { describeError, errcodeOf } from './context.ts';
import { dmPowerLevels, isEncryptedState, isPrivateDm, type StateEvent } from './dm-rule.ts';

const DM_NAMESPACE = 'matrix-dm';

export class DirectRooms {
  private readonly pending = new Map<string, Promise<{ roomId: string; created: boolean }>>();

  constructor(private readonly ctx: MatrixContext) {}

  /** The usable DM with the user, created when there is none. Concurrent calls share one. */
  roomFor(userId: string): Promise<{ roomId: string; created: boolean }> {
    const running = this.pending.get(userId);
    if (running) return running;
    const p = this.findOrCreate(userId).finally(() => this.pending.delete(userId));
    this.pending.set(userId, p);
    return p;
  }

  /** Is `roomId` the bot's DM with `userId`, private right now? A command typed there is private. */
  async isPrivateFor(roomId: string, userId: string): Promise<boolean> {
    if (this.ctx.app.state.get(DM_NAMESPACE, userId) !== roomId) return false;
    return this.usable(roomId, userId);
  }

  private async findOrCreate(userId: string): Promise<{ roomId: string; created: boolean }> {
    const stored = this.ctx.app.state.get(DM_NAMESPACE, userId);
    // The recorded DM first: the usual case, and it needs no m.direct read (a whole-account
    // record that grows with every DM the bot has).
    if (stored && (await this.usable(stored, userId))) return { roomId: stored, created: false };
    const listed = (await this.readDirect())?.[userId] ?? [];
    for (const roomId of listed.filter((r) => r !== stored)) {
      if (await this.usable(roomId, userId)) {
        this.ctx.app.state.set(DM_NAMESPACE, userId, roomId);
        return { roomId, created: false };
      }
    }
    if (stored) this.ctx.app.state.delete(DM_NAMESPACE, userId);
    const roomId = await this.ctx.client.createRoom({
      invite: [userId],
      is_direct: true,
      preset: 'private_chat',
      power_level_content_override: dmPowerLevels(this.ctx.botUserId),
      // Encrypted, as Element makes DMs, when the bot can encrypt.
      initial_state: this.ctx.e2ee ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] : [],
    });
    this.ctx.log.info('matrix: created a direct-message room', { userId, roomId });
    await this.record(userId, roomId);
    return { roomId, created: true };
  }

  private async record(userId: string, roomId: string): Promise<void> {
    this.ctx.app.state.set(DM_NAMESPACE, userId, roomId);
    const direct = await this.readDirect();
    if (direct === null) return; // unreadable: do not overwrite it with less
    const rooms = [roomId, ...(direct[userId] ?? []).filter((r) => r !== roomId)];
    await this.ctx.client.setAccountData('m.direct', { ...direct, [userId]: rooms });
  }

  /** Private by the rule, and not encrypted unless the bot can encrypt. Reads the full state. */
  private async usable(roomId: string, userId: string): Promise<boolean> {
    let state: StateEvent[];
    try {
      const raw: unknown = await this.ctx.client.getRoomState(roomId);
      state = Array.isArray(raw) ? (raw as StateEvent[]) : [];
    } catch {
      return false; // not a member any more (or the room is gone)
    }
    return isPrivateDm(state, this.ctx.botUserId, userId) && (this.ctx.e2ee || !isEncryptedState(state));
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
