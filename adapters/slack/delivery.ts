// Posting rendered replies with the Web API: channel posts (with the start-announcement
// bookkeeping and chat.update when the class ends), ephemeral messages and DMs.
import type { webApi } from '@slack/bolt';
import { assertNoJoinLinkInRoom, type KeyValueStore, type Reply } from '../../src/core/types.ts';
import type { Logger } from '../../src/log.ts';
import { assertNoJoinUrlInChannelMessage, renderEndedAnnouncement, renderReply } from './render.ts';
import { slackErrorCode } from './slack-errors.ts';

export const ANNOUNCEMENT_NAMESPACE = 'slack-announcement';

interface Announcement {
  channel: string;
  ts: string;
  text: string;
}

export interface Delivery {
  /** chat.postMessage to everyone in the channel. Throws on Slack errors (see isNotInChannel). */
  postToChannel(channel: string, reply: Reply): Promise<void>;
  /** Ephemeral in roomId when given (falls back to a DM if that fails), else a DM. */
  sendPrivately(userId: string, reply: Reply, roomId?: string): Promise<void>;
  /** The bot's user name, for "/invite @name" (auth.test, asked once). */
  botName(): Promise<string>;
}

export function createDelivery(deps: { client: webApi.WebClient; state: KeyValueStore; log: Logger }): Delivery {
  const { client, state, log } = deps;
  let name: Promise<string> | undefined;

  async function updateEndedAnnouncement(channel: string, meetingKey: string): Promise<void> {
    const key = `${channel}|${meetingKey}`;
    const raw = state.get(ANNOUNCEMENT_NAMESPACE, key);
    if (raw === undefined) return;
    state.delete(ANNOUNCEMENT_NAMESPACE, key);
    try {
      const a = JSON.parse(raw) as Announcement;
      const msg = renderEndedAnnouncement(a.text);
      assertNoJoinUrlInChannelMessage(msg);
      await client.chat.update({ channel: a.channel, ts: a.ts, text: msg.text, blocks: msg.blocks });
    } catch (err) {
      log.warn('slack: could not update the start announcement', { channel, error: slackErrorCode(err) });
    }
  }

  async function dm(userId: string, reply: Reply): Promise<void> {
    const open = await client.conversations.open({ users: userId });
    const channel = open.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    const msg = renderReply(reply, 'private');
    await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, unfurl_links: false });
  }

  return {
    async postToChannel(channel, reply) {
      const asRoom: Reply = { ...reply, audience: 'room' };
      assertNoJoinLinkInRoom(asRoom);
      const msg = renderReply(asRoom, 'channel');
      assertNoJoinUrlInChannelMessage(msg);
      const topic = reply.topic;
      if (topic?.event === 'meeting-ended' && topic.meetingKey) await updateEndedAnnouncement(channel, topic.meetingKey);
      const res = await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, unfurl_links: false });
      if (topic?.event === 'meeting-started' && topic.meetingKey && res.ts) {
        const a: Announcement = { channel: res.channel ?? channel, ts: res.ts, text: msg.text };
        state.set(ANNOUNCEMENT_NAMESPACE, `${channel}|${topic.meetingKey}`, JSON.stringify(a));
      }
    },

    async sendPrivately(userId, reply, roomId) {
      if (roomId !== undefined) {
        const msg = renderReply(reply, 'private');
        try {
          await client.chat.postEphemeral({ channel: roomId, user: userId, text: msg.text, blocks: msg.blocks });
          return;
        } catch (err) {
          log.info('slack: ephemeral message failed, sending a DM instead', { channel: roomId, error: slackErrorCode(err) });
        }
      }
      await dm(userId, reply);
    },

    botName() {
      name ??= client.auth
        .test()
        .then((r) => r.user ?? 'bbb-chatops')
        .catch(() => 'bbb-chatops');
      return name;
    },
  };
}
