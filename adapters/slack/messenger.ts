// The Messenger port for messages that are not answers to a command (notify-me, class ended, recording ready).
import type { Messenger, Reply } from '../../src/core/types.ts';
import type { Logger } from '../../src/log.ts';
import type { Delivery } from './delivery.ts';
import { isNotInChannel, slackErrorCode } from './slack-errors.ts';

export function createSlackMessenger(delivery: Delivery, log: Logger): Messenger {
  return {
    platform: 'slack',
    async sendToRoom(roomId: string, reply: Reply) {
      try {
        return await delivery.postToChannel(roomId, reply); // the ts: what chat.update needs to edit it
      } catch (err) {
        if (!isNotInChannel(err)) throw err;
        // Nobody to tell: the bot was removed from the channel. Log it and carry on.
        log.warn('slack: not in channel, message dropped (invite the bot again)', { channel: roomId, error: slackErrorCode(err) });
        return undefined;
      }
    },
    async editRoomMessage(roomId: string, ts: string, reply: Reply) {
      await delivery.updateInChannel(roomId, ts, reply);
    },
    // Always a DM: these messages are not answers to something the user just typed, and an
    // ephemeral message is lost if the user is not looking at that channel right then (Slack
    // does not store it). A DM persists and notifies (e.g. "class has started, here is your link").
    async sendToUser(userId: string, reply: Reply) {
      await delivery.sendPrivately(userId, reply);
    },
  };
}
