// The words the core speaks with adapters. Adapters build an Invocation, call app.handle,
// and render the Replies they get back. Nothing here knows Slack, Matrix or BigBlueButton.

import type { Language } from './model.ts';

export type Platform = 'console' | 'slack' | 'matrix';

export interface InvocationUser {
  /** Platform user id: console `tina`, Slack `U0123`, Matrix `@tina:school.edu`. */
  id: string;
  displayName: string;
  /** Slack workspace admin/owner when SLACK_ADMINS_FROM_WORKSPACE=true. Counts as bot admin. */
  isPlatformAdmin?: boolean;
  /** Matrix power level >= 50 when MATRIX_MODERATORS_ARE_TEACHERS=true. Counts as teacher of the room's course. */
  isRoomModerator?: boolean;
  /** The user's language as the platform reports it (Slack `es-ES`), when it does. */
  locale?: string;
  /** The user's IANA time zone as the platform reports it (Slack `tz`), when it does. */
  timeZone?: string;
}

export interface InvocationRoom {
  /** Platform room id: console `general`, Slack `C0123`, Matrix `!abc:school.edu`. */
  id: string;
  name?: string;
  /** A direct-message room between the user and the bot (secrets may be typed here). */
  isDirect?: boolean;
}

export interface Invocation {
  platform: Platform;
  user: InvocationUser;
  room: InvocationRoom;
  /** The text after the command word, e.g. `join` or `config link MATH101 Algebra`. */
  text: string;
  /** `button` when the user clicked a Join/Notify button instead of typing. */
  source?: 'command' | 'button';
  /** Look up a user named in a command (`teacher add @tina`); null when unknown. */
  lookupUser?: (id: string) => Promise<{ id: string; displayName: string } | null>;
}

/** Every kind but `recording` is a credential, for its owner only (a guest invitation is the teacher's to hand out). */
export type LinkKind = 'join-moderator' | 'join-viewer' | 'guest-invitation' | 'recording';

export interface Link {
  url: string;
  label: string;
  kind: LinkKind;
}

export interface ReplyAction {
  /** `join` runs `/conference join` for the clicking user; `notify` runs `/conference notify`. */
  id: 'join' | 'notify';
  label: string;
  /** The words the button runs for the clicker when not the room's own `join`/`notify`: `global join`, `room join <owner>`. */
  command?: string;
}

export interface ReplyFile {
  name: string;
  contentType: string;
  /** Text (a CSV, sent as UTF-8) or bytes (a PNG). */
  content: string | Uint8Array;
}

/** What an announcement is about, so an adapter can update an earlier one (Slack chat.update). */
export interface ReplyTopic {
  event: 'meeting-started' | 'meeting-ended' | 'recording-ready' | 'notice';
  /** The meeting's scope key (core/scope.ts), e.g. `MATH101`, `MATH101/g1`, `*global`. */
  meetingKey?: string;
  /** A meeting's summary: the bot's row id of that meeting, so that the posted message can be found and edited later. */
  summaryOf?: number;
}

export interface Reply {
  /** `user`: only the invoking (or addressed) user sees it. `room`: everyone in the room. */
  audience: 'room' | 'user';
  /** Plain text (no markup). Links are never inside text: they are in `links`. */
  text: string;
  links?: Link[];
  actions?: ReplyAction[];
  file?: ReplyFile;
  topic?: ReplyTopic;
  /** Set on a refusal or failure; `field` names the offending input where there is one. */
  error?: { field?: 'url' | 'secret' | 'text' };
  /** The language of `text`; adapters write their own words around it (buttons, notes) in it. */
  language?: Language;
}

/** Delivers messages that are not answers to a command (notify-me, meeting ended, recording ready). */
export interface Messenger {
  platform: Platform;
  /** Posts in a shared room; returns a reference to the message when the platform can edit it later (see editRoomMessage). */
  sendToRoom(roomId: string, reply: Reply): Promise<string | void>;
  /** Replaces a message this messenger posted (its reference from sendToRoom). Throws when the platform refuses. Optional. */
  editRoomMessage?(roomId: string, ref: string, reply: Reply): Promise<void>;
  /** Private message to one user: Slack DM/ephemeral, Matrix DM, console line addressed to the user. */
  sendToUser(userId: string, reply: Reply, context?: { roomId?: string }): Promise<void>;
}

/** Small persistent key-value state for adapters (e.g. Slack announcement timestamps, Matrix DM rooms). */
export interface KeyValueStore {
  get(namespace: string, key: string): string | undefined;
  set(namespace: string, key: string, value: string): void;
  delete(namespace: string, key: string): void;
}

export interface App {
  handle(invocation: Invocation): Promise<Reply[]>;
  /** Register the messenger of a platform, for messages that are not answers (notify-me, ended, recording ready). */
  attachMessenger(messenger: Messenger): void;
  /** Persistent state for adapters, in the bot's SQLite database. */
  state: KeyValueStore;
  /** The language of an adapter's own words: to this user privately, or (no user) to the whole room. */
  languageFor(platform: Platform, roomId: string, user?: { id: string; locale?: string }): Language;
  /**
   * An adapter posted a command's room reply and got the message's reference (Slack ts, Matrix event id):
   * for a class summary (topic.summaryOf) the core keeps it, to edit the summary when exact numbers arrive.
   */
  roomReplyPosted?(platform: Platform, roomId: string, reply: Reply, ref: string): void;
}

/** Join links are credentials: a reply to a whole room must never carry one. Adapters call this before rendering. */
export function assertNoJoinLinkInRoom(reply: Reply): void {
  if (reply.audience === 'room' && reply.links?.some((l) => l.kind !== 'recording')) {
    throw new Error('refusing to send a join link to a room');
  }
}
