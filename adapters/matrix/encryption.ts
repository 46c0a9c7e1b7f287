// Encrypted rooms without end-to-end encryption (MATRIX_ENCRYPTION=off, or it could not start):
// the bot cannot read them, and says so once per room, in a plain notice, with what to do
// instead. With encryption on, matrix-bot-sdk decrypts and these rooms are like any other.
import type { MatrixContext } from './context.ts';
import { describeError, errcodeOf, sendMessage } from './context.ts';
import { matrixMessages } from './messages.ts';
import { bareNotice } from './render.ts';

const NOTICE_NAMESPACE = 'matrix-encrypted-notice';

export class EncryptionWatch {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly ctx: MatrixContext) {}

  /** True when the room has m.room.encryption state. Unknown (request failed) counts as false. */
  async isEncrypted(roomId: string): Promise<boolean> {
    const cached = this.known.get(roomId);
    if (cached !== undefined) return cached;
    try {
      await this.ctx.client.getRoomStateEvent(roomId, 'm.room.encryption', '');
      this.known.set(roomId, true);
      return true;
    } catch (e) {
      if (errcodeOf(e) === 'M_NOT_FOUND') {
        this.known.set(roomId, false);
        return false;
      }
      this.ctx.log.warn('matrix: could not read the encryption state of a room', { roomId, ...describeError(e) });
      return false;
    }
  }

  /** An m.room.encryption state event or an m.room.encrypted message was seen in the room. */
  markEncrypted(roomId: string): void {
    this.known.set(roomId, true);
  }

  /** After joining (or on seeing encryption): tells the room once that the bot cannot read it. */
  async checkRoom(roomId: string): Promise<void> {
    if (await this.isEncrypted(roomId)) await this.noticeOnce(roomId);
  }

  /** An encrypted event reached the adapter: undecryptable (logged) with encryption on, else unreadable. */
  async onEncryptedEvent(roomId: string, eventType: string, eventId: unknown): Promise<void> {
    if (!this.ctx.e2ee) {
      this.markEncrypted(roomId);
      await this.noticeOnce(roomId);
    } else if (eventType === 'm.room.encrypted') {
      this.ctx.log.warn('matrix: could not decrypt an event (no key for it)', { roomId, eventId });
    }
  }

  async noticeOnce(roomId: string): Promise<void> {
    if (this.ctx.e2ee) return;
    const state = this.ctx.app.state;
    if (state.get(NOTICE_NAMESPACE, roomId) !== undefined) return;
    state.set(NOTICE_NAMESPACE, roomId, new Date().toISOString());
    try {
      await sendMessage(this.ctx, roomId, bareNotice(matrixMessages(this.ctx.app.languageFor('matrix', roomId)).encryptedRoom(this.ctx.prefix)));
      this.ctx.log.info('matrix: told an encrypted room that the bot cannot read it', { roomId });
    } catch (e) {
      this.ctx.log.warn('matrix: could not post the encrypted-room notice', { roomId, ...describeError(e) });
    }
  }
}
