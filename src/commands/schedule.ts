// `schedule`: the room's timetable, its settings and the next class (everyone in a linked room).
// `schedule ics`: the upcoming classes as a calendar file, sent privately (no join link in it).
// The global conference's, `global schedule [ics]`, are global.ts's words for the same replies.
import type { Command, CommandContext } from './context.ts';
import { roomCourse, toUser } from './context.ts';
import { classWhen, scopeZone, slotText } from '../core/schedule/format.ts';
import { AUTO_END_GRACE_MINUTES } from '../core/schedule/model.ts';
import { nextOccurrence, occurrences } from '../core/schedule/occurrences.ts';
import { calendarFile, ICS_WEEKS } from '../core/schedule/ics.ts';
import { courseScope, GLOBAL, type MeetingScope } from '../core/scope.ts';
import type { Reply } from '../core/types.ts';

/** A timetable as this user reads it: whose, its name, and what its calendar events say. */
export interface Timetable {
  scope: MeetingScope;
  label: string;
  /** The calendar file's name without `.ics`. */
  fileStem: string;
  /** The events' location and description (where and how to join; never a link). */
  location: string;
  description: string;
}

/** The room's course (and group). */
export function courseTimetable(ctx: CommandContext): Timetable {
  const { course, group, label } = roomCourse(ctx);
  const room = ctx.inv.room.name ? `#${ctx.inv.room.name.replace(/^#/, '')}` : course.title;
  return { scope: courseScope(course.code, group), label, fileStem: `classes-${course.code}${group ? `-${group}` : ''}`, location: room, description: ctx.t.schedule.icsDescription(ctx.prefix, room) };
}

export function globalTimetable(ctx: CommandContext): Timetable {
  const label = ctx.t.rooms.globalLabel;
  return { scope: GLOBAL, label, fileStem: 'classes-global', location: label, description: ctx.t.rooms.howToJoin(`${ctx.prefix} global join`, false) };
}

export function scheduleReplies(ctx: CommandContext, tt: Timetable): Reply[] {
  const slots = ctx.store.schedules.list(tt.scope);
  if (slots.length === 0) return [toUser(ctx.t.schedule.listEmpty(tt.label))];
  const zone = scopeZone(ctx.store, tt.scope, ctx.timeZone);
  const s = ctx.store.schedules.settings(tt.scope);
  const lines = [ctx.t.schedule.listTitle(tt.label, zone), ...slots.map((slot) => ctx.t.schedule.listLine(slot.id, slotText(ctx.t, slot)))];
  lines.push(ctx.t.schedule.listSettings(s.reminderMinutes, s.autoStart, s.autoEnd, AUTO_END_GRACE_MINUTES));
  const next = nextClassWhen(ctx, tt.scope);
  if (next) lines.push(ctx.t.schedule.nextClass(next));
  return [toUser(lines.join('\n'))];
}

export const scheduleList: Command = {
  path: ['schedule'],
  usage: 'schedule',
  who: 'linked',
  async run(ctx) {
    return scheduleReplies(ctx, courseTimetable(ctx));
  },
};

/** The room's course and group, if the room is linked. */
function roomScope(ctx: CommandContext): MeetingScope | undefined {
  return ctx.course && ctx.link ? courseScope(ctx.course.code, ctx.link.group) : undefined;
}

/** "Wednesday 09:00": when a scope's next class is, if it has one coming. */
export function nextClassWhen(ctx: CommandContext, scope: MeetingScope): string | undefined {
  const slots = ctx.store.schedules.list(scope);
  if (slots.length === 0) return undefined;
  const zone = scopeZone(ctx.store, scope, ctx.timeZone);
  const now = Date.now();
  const next = nextOccurrence(slots, zone, now);
  return next && classWhen(ctx.t, next.startMs, zone, now);
}

/** "Next class: Wednesday 09:00." for the room's course, if it has one coming (status and help say it too). */
export function nextClassLine(ctx: CommandContext): string | undefined {
  const scope = roomScope(ctx);
  const when = scope && nextClassWhen(ctx, scope);
  return when && ctx.t.schedule.nextClass(when);
}

/** A status or help text, with the next class after it when there is one. */
export function withNextClass(ctx: CommandContext, text: string): string {
  const next = nextClassLine(ctx);
  return next ? `${text}\n${next}` : text;
}

export function icsReplies(ctx: CommandContext, tt: Timetable): Reply[] {
  const slots = ctx.store.schedules.list(tt.scope);
  const zone = scopeZone(ctx.store, tt.scope, ctx.timeZone);
  const now = Date.now();
  // Weekly classes for the next ICS_WEEKS; one-off dates as far ahead as they are planned (a year).
  const ahead = (days: number): number => now + days * 86_400_000;
  const classes = slots.flatMap((slot) => occurrences(slot, zone, now, ahead(slot.date ? 400 : ICS_WEEKS * 7))).sort((a, b) => a.startMs - b.startMs);
  if (classes.length === 0) return [toUser(ctx.t.schedule.listEmpty(tt.label))];
  const content = calendarFile(tt.label, zone, classes.map((occurrence) => ({ occurrence, summary: tt.label, description: tt.description, location: tt.location })), now);
  return [{ audience: 'user', text: ctx.t.schedule.icsReady(tt.label, classes.length), file: { name: `${tt.fileStem}.ics`, contentType: 'text/calendar', content } }];
}

export const scheduleIcs: Command = {
  path: ['schedule', 'ics'],
  usage: 'schedule ics',
  who: 'linked',
  async run(ctx) {
    return icsReplies(ctx, courseTimetable(ctx));
  },
};
