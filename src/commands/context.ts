// What a command sees: the invocation, the room's course, the caller's role, and the services.
import type { MeetingInfo } from '../bbb/types.ts';
import type { ConferenceService } from '../core/conference.ts';
import type { Course, Language, Role, RoomLink } from '../core/model.ts';
import type { Invocation, Reply } from '../core/types.ts';
import type { MeetingScope } from '../core/scope.ts';
import type { Parsed } from '../core/tokens.ts';
import type { Messages } from '../i18n/index.ts';
import type { LanguageChoice } from '../i18n/choose.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';

export interface CommandContext {
  inv: Invocation;
  /** Messages in the invoking user's language (private replies). */
  t: Messages;
  /** Messages in the room's language: the course's, else BOT_LANGUAGE (room announcements). */
  tRoom: Messages;
  /** The invoking user's language and why (`language` shows it). */
  language: LanguageChoice;
  /** The command word on this platform: `/conference`, `!conference`. */
  prefix: string;
  role: Role;
  link: RoomLink | undefined;
  course: Course | undefined;
  store: Store;
  conference: ConferenceService;
  envAdmins: ReadonlySet<string>;
  log: Logger;
  /** IANA time zone for dates and times shown to users (BOT_TIMEZONE). */
  timeZone: string;
  /** Deployment defaults a course falls back to (shown by `config show`). */
  defaults: { durationMinutes: number; language: Language };
  /** Hooks for what happens after a command (notify-me, attendance); set by the app. */
  events: CommandEvents;
}

export interface CommandEvents {
  /** A meeting was created; `announcement` (no links) is for the scope's other announce rooms. */
  meetingStarted(ctx: CommandContext, scope: MeetingScope, announcement: Reply): Promise<void>;
  linkGiven(ctx: CommandContext, meetingRowId: number | undefined, role: 'MODERATOR' | 'VIEWER'): void;
  /** Right before `end` asks BBB to end the meeting, with the last meeting info (attendance; callbacks wait for the command). */
  meetingEnding?(ctx: CommandContext, scope: MeetingScope, info: MeetingInfo | undefined): void;
  meetingEnded(ctx: CommandContext, scope: MeetingScope): Promise<Reply[]>;
}

/** Who may run a command: anyone anywhere, anyone in a linked room, moderators of the room's course, admins. */
export type Audience = 'anyone' | 'linked' | 'moderator' | 'admin';

export interface Command {
  /** Words that select the command: ['start'], ['config', 'link']. */
  path: string[];
  usage: string;
  who: Audience;
  hidden?: boolean;
  /** Shown in help only to those it answers (the global and personal-room commands, whose policy is not a room role). */
  shownTo?(ctx: CommandContext): boolean;
  valueOptions?: readonly string[];
  run(ctx: CommandContext, args: Parsed): Promise<Reply[]>;
}

export function toUser(text: string, extra: Pick<Reply, 'links' | 'actions' | 'error'> = {}): Reply {
  return { audience: 'user', text, ...extra };
}

export function toRoom(text: string, extra: Pick<Reply, 'actions' | 'topic'> = {}): Reply {
  return { audience: 'room', text, ...extra };
}

/** Whether the platform shows reply actions as buttons (Slack); elsewhere users type the command. */
export function hasButtons(ctx: CommandContext): boolean {
  return ctx.inv.platform === 'slack';
}

export function refusal(text: string, field: 'url' | 'secret' | 'text' = 'text'): Reply {
  return { audience: 'user', text, error: { field } };
}

/**
 * The room's course, its group and its label ("Algebra (MATH101, group g1)"), for commands
 * whose audience guarantees a linked room ('linked', 'moderator').
 */
export function roomCourse(ctx: CommandContext): { course: Course; group: string; label: string } {
  if (!ctx.course || !ctx.link) throw new Error('command needs a linked room');
  return { course: ctx.course, group: ctx.link.group, label: courseLabel(ctx, ctx.course, ctx.link.group) };
}

/** "Algebra (MATH101, group g1)" for the room's course. */
export function courseLabel(ctx: CommandContext, course: Course, group: string): string {
  return ctx.t.courseLabel(course.title, course.code, group);
}

/** Names of those who can start the course's meeting, for refusals. */
export function starterNames(ctx: CommandContext, courseCode: string): string {
  return ctx.store.roles
    .members(courseCode)
    .filter((m) => m.platform === ctx.inv.platform)
    .map((m) => m.displayName ?? m.userId)
    .join(', ');
}
