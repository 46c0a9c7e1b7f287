// "A Join button once started": the last reminder posted in each room is remembered (its message
// reference, in the state table) and, when the class starts (`start` or the automatic start),
// edited into "is already on" with the Join button instead of Notify me, where the platform can
// edit messages (Slack chat.update, Matrix m.replace). Until then Notify me answers like join.
import type { AfterDeps } from '../after/deps.ts';
import type { AnnounceRoom } from '../../store/scopes.ts';
import { scopeKey, type MeetingScope } from '../scope.ts';
import { hasButtons } from '../../commands/context.ts';
import { roomContext } from './room-context.ts';
import { formatClock } from './format.ts';
import type { Occurrence } from './model.ts';
import { joinAction, type ScheduleSubject } from './subject.ts';

const NAMESPACE = 'schedule-reminder';

interface Posted {
  ref: string;
  startMs: number;
  endMs: number;
  zone: string;
}

const keyOf = (scope: MeetingScope, room: AnnounceRoom): string => `${room.platform}|${room.roomId}|${scopeKey(scope)}`;

export function rememberReminder(d: AfterDeps, scope: MeetingScope, room: AnnounceRoom, ref: string, o: Occurrence, zone: string): void {
  const posted: Posted = { ref, startMs: o.startMs, endMs: o.endMs, zone };
  d.store.state.set(NAMESPACE, keyOf(scope, room), JSON.stringify(posted));
}

/** The subject's class started: its rooms' reminders (for a class not over yet) get the Join button. */
export async function reminderStarted(d: AfterDeps, s: ScheduleSubject, nowMs: number): Promise<void> {
  for (const room of s.rooms) {
    const saved = d.store.state.get(NAMESPACE, keyOf(s.scope, room));
    const messenger = d.messengers().get(room.platform);
    if (!saved) continue;
    d.store.state.delete(NAMESPACE, keyOf(s.scope, room)); // edited once
    const posted = JSON.parse(saved) as Posted;
    if (!messenger?.editRoomMessage || nowMs >= posted.endMs) continue;
    const ctx = roomContext(d, room);
    const r = ctx.tRoom;
    const text = `${r.schedule.alreadyOn(s.label(r), formatClock(posted.startMs, posted.zone), posted.zone)} ${s.howToJoin(r, ctx.prefix, hasButtons(ctx))}`;
    try {
      await messenger.editRoomMessage(room.roomId, posted.ref, { audience: 'room', text, actions: [joinAction(s, r.viewerLinkLabel)], topic: { event: 'notice', meetingKey: scopeKey(s.scope) }, language: r.language });
    } catch (err) {
      d.log.warn('schedule: could not add the Join button to a reminder', { platform: room.platform, room: room.roomId, error: err });
    }
  }
}
