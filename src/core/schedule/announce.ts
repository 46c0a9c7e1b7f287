// What the scheduler says in a scope's rooms (a course's linked rooms, the global conference's
// announce rooms): the reminder before a class, the automatic start. Each room is addressed in its
// own language and with its platform's way to act (Slack buttons, Matrix and console: the command
// to type). No link ever goes to a room.
import { hasButtons } from '../../commands/context.ts';
import { roomContext } from './room-context.ts';
import { scopeKey } from '../scope.ts';
import type { Reply } from '../types.ts';
import type { AfterDeps } from '../after/deps.ts';
import { postToRooms } from '../after/deps.ts';
import { formatClock } from './format.ts';
import type { Occurrence } from './model.ts';
import { rememberReminder } from './reminder-update.ts';
import { joinAction, type ScheduleSubject } from './subject.ts';

/** The reminder: what, when, who teaches; Notify me (or Join, when it is already running). */
export async function postReminder(d: AfterDeps, s: ScheduleSubject, o: Occurrence, zone: string, nowMs: number): Promise<void> {
  const running = d.store.meetings.open(s.scope) !== undefined;
  for (const room of s.rooms) {
    const ctx = roomContext(d, room);
    const r = ctx.tRoom;
    const label = s.label(r);
    const time = formatClock(o.startMs, zone);
    const minutes = Math.max(1, Math.round((o.startMs - nowMs) / 60_000));
    const text = running
      ? `${r.schedule.alreadyOn(label, time, zone)} ${s.howToJoin(r, ctx.prefix, hasButtons(ctx))}`
      : `${r.schedule.reminder(label, time, zone, minutes, s.teachers(room.platform))} ${s.notifyOffer(r, ctx.prefix, hasButtons(ctx))}`;
    const reply: Reply = {
      audience: 'room',
      text,
      actions: [running ? joinAction(s, r.viewerLinkLabel) : { id: 'notify', label: r.notifyButton, ...(s.notifyCommand ? { command: s.notifyCommand } : {}) }],
      topic: { event: 'notice', meetingKey: scopeKey(s.scope) },
      language: r.language,
    };
    for (const { ref } of await postToRooms(d, [room], reply)) if (!running) rememberReminder(d, s.scope, room, ref, o, zone);
  }
}

/** Announces the automatic start in the subject's rooms, like `start`; returns the first room's announcement. */
export async function postAutoStarted(d: AfterDeps, s: ScheduleSubject, o: Occurrence, zone: string): Promise<Reply | undefined> {
  let first: Reply | undefined;
  for (const room of s.rooms) {
    const ctx = roomContext(d, room);
    const r = ctx.tRoom;
    const said = r.schedule.autoStarted(s.label(r), formatClock(o.startMs, zone), formatClock(o.endMs, zone), zone);
    const announcement: Reply = {
      audience: 'room',
      text: `${said} ${s.howToJoin(r, ctx.prefix, hasButtons(ctx))}`,
      actions: [joinAction(s, r.viewerLinkLabel)],
      topic: { event: 'meeting-started', meetingKey: scopeKey(s.scope) },
      language: r.language,
    };
    first ??= announcement;
    await postToRooms(d, [room], announcement);
  }
  return first;
}
