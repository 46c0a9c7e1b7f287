// `schedule`: the room's timetable, its settings and the next class (everyone in a linked room).
// `schedule ics`: the upcoming classes as a calendar file, sent privately (no join link in it).
import type { Command, CommandContext } from './context.ts';
import { roomCourse, toUser } from './context.ts';
import { classWhen, courseZone, slotText } from '../core/schedule/format.ts';
import { AUTO_END_GRACE_MINUTES } from '../core/schedule/model.ts';
import { nextOccurrence, occurrences } from '../core/schedule/occurrences.ts';
import { calendarFile, ICS_WEEKS } from '../core/schedule/ics.ts';

export const scheduleList: Command = {
  path: ['schedule'],
  usage: 'schedule',
  who: 'linked',
  async run(ctx) {
    const { course, group, label } = roomCourse(ctx);
    const slots = ctx.store.schedules.list(course.code, group);
    if (slots.length === 0) return [toUser(ctx.t.schedule.listEmpty(label))];
    const zone = courseZone(ctx.store, course.code, ctx.timeZone);
    const s = ctx.store.schedules.settings(course.code);
    const lines = [ctx.t.schedule.listTitle(label, zone), ...slots.map((slot) => ctx.t.schedule.listLine(slot.id, slotText(ctx.t, slot)))];
    lines.push(ctx.t.schedule.listSettings(s.reminderMinutes, s.autoStart, s.autoEnd, AUTO_END_GRACE_MINUTES));
    const next = nextClassLine(ctx);
    if (next) lines.push(next);
    return [toUser(lines.join('\n'))];
  },
};

/** "Next class: Wednesday 09:00." for the room's course, if it has one coming (status and help say it too). */
export function nextClassLine(ctx: CommandContext): string | undefined {
  if (!ctx.course || !ctx.link) return undefined;
  const slots = ctx.store.schedules.list(ctx.course.code, ctx.link.group);
  if (slots.length === 0) return undefined;
  const zone = courseZone(ctx.store, ctx.course.code, ctx.timeZone);
  const now = Date.now();
  const next = nextOccurrence(slots, zone, now);
  return next && ctx.t.schedule.nextClass(classWhen(ctx.t, next.startMs, zone, now));
}

/** A status or help text, with the next class after it when there is one. */
export function withNextClass(ctx: CommandContext, text: string): string {
  const next = nextClassLine(ctx);
  return next ? `${text}\n${next}` : text;
}

export const scheduleIcs: Command = {
  path: ['schedule', 'ics'],
  usage: 'schedule ics',
  who: 'linked',
  async run(ctx) {
    const { course, group, label } = roomCourse(ctx);
    const slots = ctx.store.schedules.list(course.code, group);
    const zone = courseZone(ctx.store, course.code, ctx.timeZone);
    const now = Date.now();
    // Weekly classes for the next ICS_WEEKS; one-off dates as far ahead as they are planned (a year).
    const ahead = (days: number): number => now + days * 86_400_000;
    const classes = slots.flatMap((slot) => occurrences(slot, zone, now, ahead(slot.date ? 400 : ICS_WEEKS * 7))).sort((a, b) => a.startMs - b.startMs);
    if (classes.length === 0) return [toUser(ctx.t.schedule.listEmpty(label))];
    const room = ctx.inv.room.name ? `#${ctx.inv.room.name.replace(/^#/, '')}` : course.title;
    const description = ctx.t.schedule.icsDescription(ctx.prefix, room);
    const content = calendarFile(label, zone, classes.map((occurrence) => ({ occurrence, summary: label, description, location: room })), now);
    const name = `classes-${course.code}${group ? `-${group}` : ''}.ics`;
    return [{ audience: 'user', text: ctx.t.schedule.icsReady(label, classes.length), file: { name, contentType: 'text/calendar', content } }];
  },
};
