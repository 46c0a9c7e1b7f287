// Reply (data from the core) -> Slack message (mrkdwn text + Block Kit). Pure functions.
import type { types } from '@slack/bolt';
import type { Reply } from '../../src/core/types.ts';
import type { Language } from '../../src/core/model.ts';
import { messages } from '../../src/i18n/index.ts';
import { slackMessages } from './messages.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export const ACTION_JOIN = 'conference_join';
export const ACTION_NOTIFY = 'conference_notify';
/** URL buttons also send an interaction; their action_ids start with this and are only acked. */
export const ACTION_LINK_PREFIX = 'conference_link_';

const SECTION_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const JOIN_URL = /\/api\/join\?/i;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Where the message goes: `private` (ephemeral, DM: one user) or `channel` (everyone). */
export type Destination = 'private' | 'channel';

export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, BUTTON_TEXT_MAX), emoji: true };
}

/**
 * A button's optional `value`: left out when there is none (a join refusal from the core has no
 * meeting key) rather than sent as an empty string, which Block Kit validation may refuse
 * (invalid_blocks). A course's button carries its meeting key, which the click handler does not
 * read (the channel clicked in names the course); a global or personal room's carries the command
 * it runs for the clicker (`global join`, `room join <@U123>`).
 */
function valueOf(meetingKey: string): { value?: string } {
  return meetingKey ? { value: meetingKey } : {};
}

export function renderReply(reply: Reply, where: Destination): SlackMessage {
  const text = escapeMrkdwn(reply.text);
  const blocks: KnownBlock[] = [section(text)];
  const buttons: Button[] = [];

  // Join links are for one user only: a channel message never carries one, whatever the reply says.
  const links = (reply.links ?? []).filter((l) => where === 'private' || l.kind === 'recording');
  links.forEach((link, i) => {
    if (link.url.length <= SECTION_MAX) {
      buttons.push({ type: 'button', action_id: `${ACTION_LINK_PREFIX}${i}`, text: plain(link.label), url: link.url, ...(link.kind === 'recording' ? {} : { style: 'primary' as const }) });
    } else {
      blocks.push(section(`<${link.url}|${escapeMrkdwn(link.label)}>`));
    }
  });

  const meetingKey = reply.topic?.meetingKey ?? '';
  const actions = reply.actions ?? [];
  const joinAction = actions.find((a) => a.id === 'join');
  const announcesStart = reply.audience === 'room' && reply.topic?.event === 'meeting-started';
  if (joinAction || announcesStart) {
    buttons.push({ type: 'button', action_id: ACTION_JOIN, text: plain(joinAction?.label ?? slackMessages(reply.language).joinButton), ...valueOf(joinAction?.command ?? meetingKey), style: 'primary' });
  }
  const notifyAction = actions.find((a) => a.id === 'notify');
  if (notifyAction) {
    buttons.push({ type: 'button', action_id: ACTION_NOTIFY, text: plain(notifyAction.label || slackMessages(reply.language).notifyButton), ...valueOf(notifyAction.command ?? meetingKey) });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'conference_actions', elements: buttons });

  if (reply.file) blocks.push(...renderFile(reply.file.name, reply.file.content, reply.language));
  return { text, blocks };
}

function renderFile(name: string, content: string | Uint8Array, language: Language | undefined): KnownBlock[] {
  const m = slackMessages(language);
  // A picture cannot be shown inline: say that it could not be sent.
  if (typeof content !== 'string') return [section(escapeMrkdwn(messages(language).chart.notSent(name)))];
  const fence = '```';
  const room = SECTION_MAX - 2 * fence.length - 2;
  const body = escapeMrkdwn(content.replace(/```/g, "'''"));
  const out: KnownBlock[] = [section(escapeMrkdwn(m.fileHeading(name)))];
  if (body.length <= room) {
    out.push(section(`${fence}\n${body}${fence}`));
  } else {
    out.push(section(`${fence}\n${body.slice(0, room - 1).replace(/&[a-z]*$/, '')}${fence}`));
    out.push(section(escapeMrkdwn(m.fileTruncated(name))));
  }
  return out;
}

/** The "class has ended" version of a start announcement: same text, no Join button. */
export function renderEndedAnnouncement(originalText: string, language: Language | undefined): SlackMessage {
  const text = `${originalText}\n_${escapeMrkdwn(slackMessages(language).classEnded)}_`;
  return { text, blocks: [section(text)] };
}

/** Defence in depth: the last check before anything is posted where a whole channel can read it. */
export function assertNoJoinUrlInChannelMessage(message: unknown): void {
  if (JOIN_URL.test(JSON.stringify(message))) throw new Error('refusing to post a join link to a channel');
}
