// Automatic start and end of scheduled classes (`config set auto-start on`, `auto-end on`).
import type { CommandEvents } from '../../commands/context.ts';
import type { AfterDeps } from '../after/deps.ts';
import { postToRooms } from '../after/deps.ts';
import type { Course } from '../model.ts';
import { courseScope, scopeKey } from '../scope.ts';
import { postAutoStarted } from './announce.ts';
import { roomContext } from './room-context.ts';
import { formatClock } from './format.ts';
import { scheduledMeeting } from './meeting.ts';
import { AUTO_END_GRACE_MINUTES, type Occurrence } from './model.ts';

export interface SchedulerDeps extends AfterDeps {
  /** The same hooks commands use: notify-me when a meeting starts, attendance of given links. */
  events: CommandEvents;
}

/**
 * Creates the course's meeting (its settings; BBB's duration: the slot plus the auto-end grace),
 * announces it in its rooms and sends each teacher and coach their moderator link privately.
 * Returns false when the meeting was already running (a teacher started early): nothing to say.
 */
export async function autoStart(d: SchedulerDeps, course: Course, o: Occurrence, zone: string): Promise<boolean> {
  const group = o.slot.group;
  const rooms = d.store.rooms.forCourse(course.code, group);
  const first = rooms[0];
  if (!first) return false; // nobody would hear of it
  const by = { platform: first.platform, userId: 'schedule', roomId: first.roomId };
  const { meeting, created, session } = await scheduledMeeting(d.conference, course, group).start(by, o.slot.minutes + AUTO_END_GRACE_MINUTES);
  if (!created) return false;
  const announcement = await postAutoStarted(d, course, o, zone);
  for (const m of d.store.roles.members(course.code)) {
    const room = rooms.find((r) => r.platform === m.platform);
    const messenger = d.messengers().get(m.platform);
    if (!room || !messenger) continue; // a teacher on a platform where the course has no room
    const user = { id: m.userId, displayName: m.displayName ?? m.userId };
    const ctx = roomContext(d, room, user);
    try {
      const url = d.conference.links.give(session, { platform: m.platform, ...user }, 'MODERATOR', { scope: courseScope(course.code, group), meetingRowId: meeting.id, prefix: ctx.prefix });
      d.events.linkGiven(ctx, meeting.id, 'MODERATOR');
      const label = ctx.t.courseLabel(course.title, course.code, group);
      await messenger.sendToUser(m.userId, {
        audience: 'user',
        text: ctx.t.schedule.autoStartedYourLink(label),
        links: [{ url, label: ctx.t.moderatorLinkLabel, kind: 'join-moderator' }],
        language: ctx.t.language,
      }, { roomId: room.roomId });
    } catch (err) {
      d.log.warn('schedule: could not send a moderator link', { platform: m.platform, error: err });
    }
  }
  if (announcement) await d.events.meetingStarted(roomContext(d, first), courseScope(course.code, group), announcement); // notify-me: those who asked are told
  return true;
}

/**
 * Ends the meeting of a class still running AUTO_END_GRACE_MINUTES after its slot's end, if it
 * was running during the slot (a meeting started later for something else is left alone).
 * BBB's callback or the reconciler then posts the usual summary.
 */
export async function autoEnd(d: SchedulerDeps, course: Course, o: Occurrence, zone: string): Promise<'ended' | 'not-running'> {
  const group = o.slot.group;
  const open = d.store.meetings.open(courseScope(course.code, group));
  if (!open || open.createdAt >= o.endMs) return 'not-running';
  if (!(await scheduledMeeting(d.conference, course, group).end())) return 'not-running';
  for (const room of d.store.rooms.forCourse(course.code, group)) {
    const r = roomContext(d, room).tRoom;
    const text = r.schedule.autoEnded(r.courseLabel(course.title, course.code, group), AUTO_END_GRACE_MINUTES, formatClock(o.endMs, zone));
    await postToRooms(d, [room], { audience: 'room', text, topic: { event: 'meeting-ended', meetingKey: scopeKey(courseScope(course.code, group)) }, language: r.language });
  }
  return 'ended';
}
