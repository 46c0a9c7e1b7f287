// Automatic start and end of scheduled classes (`config set auto-start on`, `auto-end on`; the
// global conference's: `config global set auto-start on`).
import type { CommandEvents } from '../../commands/context.ts';
import type { AfterDeps } from '../after/deps.ts';
import { postToRooms } from '../after/deps.ts';
import { scopeKey } from '../scope.ts';
import { postAutoStarted } from './announce.ts';
import { roomContext } from './room-context.ts';
import { formatClock } from './format.ts';
import { scheduledMeeting } from './meeting.ts';
import { AUTO_END_GRACE_MINUTES, type Occurrence } from './model.ts';
import type { ScheduleSubject } from './subject.ts';

export interface SchedulerDeps extends AfterDeps {
  /** The same hooks commands use: notify-me when a meeting starts, attendance of given links. */
  events: CommandEvents;
}

/**
 * Creates the scope's meeting (its settings; BBB's duration: the slot plus the auto-end grace),
 * announces it in its rooms and sends each of its moderators their moderator link privately.
 * Returns false when the meeting was already running (started early by hand): nothing to say.
 */
export async function autoStart(d: SchedulerDeps, s: ScheduleSubject, o: Occurrence, zone: string): Promise<boolean> {
  const first = s.rooms[0];
  if (!first) return false; // nobody would hear of it
  const by = { platform: first.platform, userId: 'schedule', roomId: first.roomId };
  const { meeting, created, session } = await scheduledMeeting(d.conference, s.scope).start(by, o.slot.minutes + AUTO_END_GRACE_MINUTES);
  if (!created) return false;
  const announcement = await postAutoStarted(d, s, o, zone);
  for (const m of s.moderators(roomContext(d, first).envAdmins)) {
    const room = s.rooms.find((r) => r.platform === m.platform);
    const messenger = d.messengers().get(m.platform);
    if (!room || !messenger) continue; // a moderator on a platform where the scope has no room
    const user = { id: m.userId, displayName: m.displayName };
    const ctx = roomContext(d, room, user);
    try {
      const url = d.conference.links.give(session, { platform: m.platform, ...user }, 'MODERATOR', { scope: s.scope, meetingRowId: meeting.id, prefix: ctx.prefix });
      d.events.linkGiven(ctx, meeting.id, 'MODERATOR');
      await messenger.sendToUser(m.userId, {
        audience: 'user',
        text: ctx.t.schedule.autoStartedYourLink(s.label(ctx.t)),
        links: [{ url, label: ctx.t.moderatorLinkLabel, kind: 'join-moderator' }],
        language: ctx.t.language,
      }, { roomId: room.roomId });
    } catch (err) {
      d.log.warn('schedule: could not send a moderator link', { platform: m.platform, error: err });
    }
  }
  if (announcement) await d.events.meetingStarted(roomContext(d, first), s.scope, announcement); // notify-me: those who asked are told
  return true;
}

/**
 * Ends the meeting of a class still running AUTO_END_GRACE_MINUTES after its slot's end, if it
 * was running during the slot (a meeting started later for something else is left alone).
 * BBB's callback or the reconciler then posts the usual summary.
 */
export async function autoEnd(d: SchedulerDeps, s: ScheduleSubject, o: Occurrence, zone: string): Promise<'ended' | 'not-running'> {
  const open = d.store.meetings.open(s.scope);
  if (!open || open.createdAt >= o.endMs) return 'not-running';
  if (!(await scheduledMeeting(d.conference, s.scope).end())) return 'not-running';
  for (const room of s.rooms) {
    const r = roomContext(d, room).tRoom;
    const text = r.schedule.autoEnded(s.label(r), AUTO_END_GRACE_MINUTES, formatClock(o.endMs, zone));
    await postToRooms(d, [room], { audience: 'room', text, topic: { event: 'meeting-ended', meetingKey: scopeKey(s.scope) }, language: r.language });
  }
  return 'ended';
}
