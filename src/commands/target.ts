// The meeting a command is about (its scope) and how it reads to this user: its label, whether
// they moderate it, and the command words that join it or ask to be told. The course commands
// aim at the room's course; `global …` at the global conference; `room …` at a personal room.
import type { CommandContext } from './context.ts';
import { courseLabel, starterNames } from './context.ts';
import type { JoinPolicy } from '../core/model.ts';
import { isModerator } from '../core/roles.ts';
import { GLOBAL, personalScope, scopeKey, type MeetingScope } from '../core/scope.ts';
import type { Platform } from '../core/types.ts';
import { meetingSettings, moderatesScope, type Person } from '../core/scope-policy.ts';
import type { Messages } from '../i18n/index.ts';

export interface Target {
  scope: MeetingScope;
  /** The meeting's name for this user, and in the room's language (announcements). */
  label: string;
  roomLabel: string;
  moderator: boolean;
  joinPolicy: JoinPolicy;
  maxParticipants: number | null;
  /** The words after the prefix that join it and that ask to be told, as a user types them: `join`, `global join`, `room join @tina`. */
  joinWords: string;
  notifyWords: string;
  /** The same as a button runs them (Slack: the owner by id, `room join <@U123>`). */
  joinCommand: string;
  notifyCommand: string;
  /** Who can start it, for "not started" answers (course rooms name the teachers); asked only then, off the join hot path. */
  starters(): string;
}

export function person(ctx: CommandContext): Person {
  return { platform: ctx.inv.platform, userId: ctx.inv.user.id, isAdmin: ctx.role === 'admin' };
}

/** The room's course (commands whose audience guarantees a linked room). */
export function courseTarget(ctx: CommandContext): Target {
  if (!ctx.course || !ctx.link) throw new Error('command needs a linked room');
  const { course } = ctx;
  const group = ctx.link.group;
  return {
    scope: { kind: 'course', courseCode: course.code, group },
    label: courseLabel(ctx, course, group),
    roomLabel: ctx.tRoom.courseLabel(course.title, course.code, group),
    moderator: isModerator(ctx.role),
    joinPolicy: course.joinPolicy,
    maxParticipants: course.maxParticipants,
    joinWords: 'join',
    notifyWords: 'notify',
    joinCommand: 'join',
    notifyCommand: 'notify',
    starters: () => starterNames(ctx, course.code),
  };
}

export function globalTarget(ctx: CommandContext): Target {
  const settings = meetingSettings(ctx.store, GLOBAL)!;
  return {
    scope: GLOBAL,
    label: ctx.t.rooms.globalLabel,
    roomLabel: ctx.tRoom.rooms.globalLabel,
    moderator: moderatesScope(ctx.store, GLOBAL, person(ctx)),
    joinPolicy: settings.joinPolicy,
    maxParticipants: settings.maxParticipants,
    joinWords: 'global join',
    notifyWords: 'global notify',
    joinCommand: 'global join',
    notifyCommand: 'global notify',
    starters: () => '',
  };
}

/** A personal room of a user of the caller's platform. */
export function personalTarget(ctx: CommandContext, owner: { id: string; displayName: string }): Target {
  const platform = ctx.inv.platform;
  const scope = personalScope(platform, owner.id);
  const mention = mentionOf(platform, owner.id);
  // Slack users type @name (Slack turns it into the id); the others type the id itself.
  const typed = platform === 'slack' ? `@${owner.displayName}` : mention;
  return {
    scope,
    label: ctx.t.rooms.personalLabel(owner.displayName),
    roomLabel: ctx.tRoom.rooms.personalLabel(owner.displayName),
    moderator: moderatesScope(ctx.store, scope, person(ctx)),
    joinPolicy: 'started',
    maxParticipants: null,
    joinWords: `room join ${typed}`,
    notifyWords: `room notify ${typed}`,
    joinCommand: `room join ${mention}`,
    notifyCommand: `room notify ${mention}`,
    starters: () => owner.displayName,
  };
}

/** "Type /conference global join", in the right words for the kind. */
export function typeToJoin(t: Messages, prefix: string, target: Target, buttons: boolean): string {
  return target.scope.kind === 'course' ? t.startedHowToJoin(prefix, buttons) : t.rooms.howToJoin(`${prefix} ${target.joinWords}`, buttons);
}

/** The target of a scope as this user sees it from the room in ctx; undefined: a course scope seen from another room. */
export function targetOf(ctx: CommandContext, scope: MeetingScope): Target | undefined {
  if (scope.kind === 'global') return globalTarget(ctx);
  if (scope.kind === 'course') {
    const here = ctx.link && ctx.course && ctx.link.courseCode === scope.courseCode && ctx.link.group === scope.group;
    return here ? courseTarget(ctx) : undefined;
  }
  const name = ctx.store.scopes.get(scopeKey(scope), 'owner-name') ?? scope.owner.userId;
  return personalTarget(ctx, { id: scope.owner.userId, displayName: name });
}

/** How a user is named in a command typed on their platform. */
export function mentionOf(platform: Platform, userId: string): string {
  return platform === 'slack' ? `<@${userId}>` : platform === 'console' ? `@${userId}` : userId;
}
