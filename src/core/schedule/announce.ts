// What the scheduler says in a course's rooms: the reminder before a class, the automatic start.
// Each room is addressed in its own language and with its platform's way to act (Slack buttons,
// Matrix and console: the command to type). No link ever goes to a room.
import { hasButtons } from '../../commands/context.ts';
import type { Course } from '../model.ts';
import { roomContext, teacherNames } from './room-context.ts';
import { courseScope, scopeKey } from '../scope.ts';
import type { Reply } from '../types.ts';
import type { AfterDeps } from '../after/deps.ts';
import { postToRooms } from '../after/deps.ts';
import { formatClock } from './format.ts';
import type { Occurrence } from './model.ts';
import { rememberReminder } from './reminder-update.ts';

/** The reminder: what, when, who teaches; Notify me (or Join, when it is already running). */
export async function postReminder(d: AfterDeps, course: Course, o: Occurrence, zone: string, nowMs: number): Promise<void> {
  const group = o.slot.group;
  const running = d.store.meetings.open(courseScope(course.code, group)) !== undefined;
  for (const room of d.store.rooms.forCourse(course.code, group)) {
    const ctx = roomContext(d, room);
    const r = ctx.tRoom;
    const label = r.courseLabel(course.title, course.code, group);
    const time = formatClock(o.startMs, zone);
    const minutes = Math.max(1, Math.round((o.startMs - nowMs) / 60_000));
    const text = running
      ? `${r.schedule.alreadyOn(label, time, zone)} ${r.startedHowToJoin(ctx.prefix, hasButtons(ctx))}`
      : `${r.schedule.reminder(label, time, zone, minutes, teacherNames(d, course.code, room.platform))} ${r.notifyOffer(ctx.prefix, hasButtons(ctx))}`;
    const reply: Reply = {
      audience: 'room',
      text,
      actions: [running ? { id: 'join', label: r.viewerLinkLabel } : { id: 'notify', label: r.notifyButton }],
      topic: { event: 'notice', meetingKey: scopeKey(courseScope(course.code, group)) },
      language: r.language,
    };
    for (const { ref } of await postToRooms(d, [room], reply)) if (!running) rememberReminder(d, room, ref, o, zone);
  }
}

/** The automatic start's announcement, like `start`'s (Slack keeps it to mark it ended later). */
/** Announces the automatic start in the course's rooms; returns the first room's announcement. */
export async function postAutoStarted(d: AfterDeps, course: Course, o: Occurrence, zone: string): Promise<Reply | undefined> {
  const group = o.slot.group;
  let first: Reply | undefined;
  for (const room of d.store.rooms.forCourse(course.code, group)) {
    const ctx = roomContext(d, room);
    const r = ctx.tRoom;
    const label = r.courseLabel(course.title, course.code, group);
    const said = r.schedule.autoStarted(label, formatClock(o.startMs, zone), formatClock(o.endMs, zone), zone);
    const announcement: Reply = {
      audience: 'room',
      text: `${said} ${r.startedHowToJoin(ctx.prefix, hasButtons(ctx))}`,
      actions: [{ id: 'join', label: r.viewerLinkLabel }],
      topic: { event: 'meeting-started', meetingKey: scopeKey(courseScope(course.code, group)) },
      language: r.language,
    };
    first ??= announcement;
    await postToRooms(d, [room], announcement);
  }
  return first;
}
