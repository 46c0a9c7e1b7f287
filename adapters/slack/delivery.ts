// Posting rendered replies with the Web API: channel posts (with the start-announcement
// bookkeeping and chat.update when the class ends), edits of channel posts (chat.update),
// ephemeral messages, DMs and file uploads.
import type { webApi } from '@slack/bolt';
import { assertNoJoinLinkInRoom, type KeyValueStore, type Reply } from '../../src/core/types.ts';
import type { Logger } from '../../src/log.ts';
import type { Language } from '../../src/core/model.ts';
import { slackMessages } from './messages.ts';
import { assertNoJoinUrlInChannelMessage, escapeMrkdwn, renderEndedAnnouncement, renderReply, type SlackMessage } from './render.ts';
import { slackErrorCode } from './slack-errors.ts';

export const ANNOUNCEMENT_NAMESPACE = 'slack-announcement';

interface Announcement {
  channel: string;
  ts: string;
  text: string;
}

export interface Delivery {
  /** chat.postMessage to everyone in the channel; returns the message's ts. Throws on Slack errors (see isNotInChannel). */
  postToChannel(channel: string, reply: Reply): Promise<string | undefined>;
  /** chat.update of a message the bot posted in the channel (its ts). Throws on Slack errors (e.g. message_not_found). */
  updateInChannel(channel: string, ts: string, reply: Reply): Promise<void>;
  /** Ephemeral in roomId when given (falls back to a DM if that fails), else a DM. */
  sendPrivately(userId: string, reply: Reply, roomId?: string): Promise<void>;
  /** The bot's user name, for "/invite @name" (auth.test, asked once). */
  botName(): Promise<string>;
  /**
   * A private reply with a file (an attendance CSV is personal data): uploads the file into the
   * DM between the bot and this user (files.uploadV2), never into a shared channel. Returns the
   * reply still to show the user: without the file and with "I sent you the file in a direct
   * message", or, if the upload failed (e.g. missing_scope: no files:write), the reply unchanged,
   * so that the file is shown inline as before. Never throws.
   */
  sendFileToUser(userId: string, reply: Reply): Promise<Reply>;
}

/** The reply once its file went to the user's DM: same text, buttons and links, plus a note. */
export function replyAfterFileSent(reply: Reply): Reply {
  const { file: _sent, ...rest } = reply;
  const note = slackMessages(reply.language).fileSentByDirectMessage;
  return { ...rest, text: reply.text ? `${reply.text}\n${note}` : note };
}

export function createDelivery(deps: { client: webApi.WebClient; state: KeyValueStore; log: Logger }): Delivery {
  const { client, state, log } = deps;
  let name: Promise<string> | undefined;

  /** Every edit of a channel message: what the whole channel reads carries no join URL. */
  async function update(channel: string, ts: string, msg: SlackMessage): Promise<void> {
    assertNoJoinUrlInChannelMessage(msg);
    await client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks });
  }

  async function updateEndedAnnouncement(channel: string, meetingKey: string, language: Language | undefined): Promise<void> {
    const key = `${channel}|${meetingKey}`;
    const raw = state.get(ANNOUNCEMENT_NAMESPACE, key);
    if (raw === undefined) return;
    state.delete(ANNOUNCEMENT_NAMESPACE, key);
    try {
      const a = JSON.parse(raw) as Announcement;
      await update(a.channel, a.ts, renderEndedAnnouncement(a.text, language));
    } catch (err) {
      log.warn('slack: could not update the start announcement', { channel, error: slackErrorCode(err) });
    }
  }

  async function openDm(userId: string): Promise<string> {
    const open = await client.conversations.open({ users: userId });
    const channel = open.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    return channel;
  }

  async function dm(userId: string, reply: Reply): Promise<void> {
    const channel = await openDm(userId);
    const msg = renderReply(reply, 'private');
    await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, unfurl_links: false });
  }

  async function sendFileToUser(userId: string, reply: Reply): Promise<Reply> {
    const file = reply.file;
    if (!file) return reply;
    try {
      // Only the user and the bot are in this conversation: the file is shared nowhere else.
      const channel = await openDm(userId);
      await client.files.uploadV2({
        channel_id: channel,
        file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content),
        filename: file.name,
        title: file.name,
        ...(reply.text ? { initial_comment: escapeMrkdwn(reply.text) } : {}),
      });
      return replyAfterFileSent(reply);
    } catch (err) {
      // Only the Slack error code: no file content, no upload URL.
      log.warn('slack: could not upload the file to the user, showing it inline instead', { error: slackErrorCode(err) });
      return reply;
    }
  }

  return {
    sendFileToUser,

    async postToChannel(channel, reply) {
      const asRoom: Reply = { ...reply, audience: 'room' };
      assertNoJoinLinkInRoom(asRoom);
      const msg = renderReply(asRoom, 'channel');
      assertNoJoinUrlInChannelMessage(msg);
      const topic = reply.topic;
      if (topic?.event === 'meeting-ended' && topic.meetingKey) await updateEndedAnnouncement(channel, topic.meetingKey, reply.language);
      const res = await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, unfurl_links: false });
      if (topic?.event === 'meeting-started' && topic.meetingKey && res.ts) {
        const a: Announcement = { channel: res.channel ?? channel, ts: res.ts, text: msg.text };
        state.set(ANNOUNCEMENT_NAMESPACE, `${channel}|${topic.meetingKey}`, JSON.stringify(a));
      }
      return res.ts;
    },

    async updateInChannel(channel, ts, reply) {
      const asRoom: Reply = { ...reply, audience: 'room' };
      assertNoJoinLinkInRoom(asRoom);
      await update(channel, ts, renderReply(asRoom, 'channel'));
    },

    async sendPrivately(userId, original, roomId) {
      const reply = original.file ? await sendFileToUser(userId, original) : original;
      if (roomId !== undefined) {
        const msg = renderReply(reply, 'private');
        try {
          await client.chat.postEphemeral({ channel: roomId, user: userId, text: msg.text, blocks: msg.blocks });
          return;
        } catch (err) {
          log.info('slack: ephemeral message failed, sending a DM instead', { channel: roomId, error: slackErrorCode(err) });
        }
      }
      // In the DM itself the upload's initial comment already carried the text.
      const fileSent = original.file !== undefined && reply.file === undefined;
      if (fileSent && !reply.links?.length && !reply.actions?.length) return;
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
