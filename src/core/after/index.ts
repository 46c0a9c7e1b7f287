// After the command: meeting-ended and recording-ready events, notify-me, attendance, and the
// reconciler. createAfter() wires them; app.ts gets `events` (the CommandEvents hooks).
import type { CommandEvents } from '../../commands/context.ts';
import { AnalyticsEvents, ENDED_BY } from './analytics-events.ts';
import { Background } from './background.ts';
import type { AfterDeps } from './deps.ts';
import { MeetingEvents } from './meeting-events.ts';
import { Reconciler } from './reconcile.ts';
import { WaitListNotifier } from './waitlist.ts';
import { postToRooms } from './deps.ts';
import { announceRooms } from '../scope-policy.ts';

export type { AfterDeps } from './deps.ts';

/** BBB down at start-up must not hold the first answers for long (each check has its own timeout). */
const STARTUP_WAIT_MS = 10_000;

export interface After {
  events: CommandEvents;
  meetingEvents: MeetingEvents;
  /** BBB's learning-analytics report of a meeting (exact attendance). */
  analytics: AnalyticsEvents;
  notifier: WaitListNotifier;
  reconciler: Reconciler;
  background: Background;
  /**
   * The first reconciliation of the open meetings (started on first call, waited for at most
   * STARTUP_WAIT_MS): after a restart, commands wait for it, so status, report and end agree.
   */
  ready(): Promise<void>;
  /** Resolves when no after-the-command work is running (tests, shutdown). */
  idle(): Promise<void>;
}

export function createAfter(d: AfterDeps): After {
  const now = (): number => d.now?.() ?? Date.now();
  const background = new Background(d.log);
  const meetingEvents = new MeetingEvents(d);
  const notifier = new WaitListNotifier(d);
  const analytics = new AnalyticsEvents(d, meetingEvents);
  const reconciler = new Reconciler(d, meetingEvents, notifier);
  const { store } = d;
  let startUp: Promise<void> | undefined;
  const ready = (): Promise<void> =>
    (startUp ??= new Promise<void>((resolve) => {
      setTimeout(resolve, STARTUP_WAIT_MS).unref();
      reconciler.tick().catch((err: unknown) => d.log.error('start-up reconciliation failed', { error: err })).finally(resolve);
    }));

  const events: CommandEvents = {
    async meetingStarted(ctx, scope, announcement) {
      // After the reply: telling a long wait list must not delay the teacher's link.
      background.run('notify-me', () => notifier.notifyWaiting(scope));
      // The global conference is announced in the rooms chosen for it (the command's own room answers itself).
      if (scope.kind !== 'global') return;
      const here = (r: { platform: string; roomId: string }): boolean => r.platform === ctx.inv.platform && r.roomId === ctx.inv.room.id;
      const rooms = announceRooms(store, scope).filter((r) => !here(r));
      background.run('announce', async () => void (await postToRooms(d, rooms, announcement)));
    },
    linkGiven(ctx, meetingRowId, role) {
      if (meetingRowId === undefined) return;
      const { platform, user } = ctx.inv;
      store.attendance.linkGiven(meetingRowId, { platform, userId: user.id, displayName: user.displayName, role }, now());
    },
    meetingEnding(_ctx, scope, info) {
      const row = store.meetings.open(scope);
      if (!row) return;
      // The last look inside: everyone there now left at the end.
      if (info && (row.internalMeetingId === null || info.internalMeetingId === row.internalMeetingId)) {
        store.attendance.sample(row.id, info.attendees, now());
      }
      meetingEvents.claim(row.id);
    },
    async meetingEnded(ctx, scope) {
      const row = store.meetings.open(scope);
      if (!row) return [];
      try {
        const fromRoom = { platform: ctx.inv.platform, roomId: ctx.inv.room.id };
        const summary = await meetingEvents.onMeetingEnded(row, { reason: 'end-command', at: now(), fromRoom });
        // That room's summary says who ended the class: an exact-count edit of it keeps saying so.
        if (summary) store.state.set(ENDED_BY, String(row.id), JSON.stringify({ ...fromRoom, name: ctx.inv.user.displayName }));
        return summary ? [summary] : [];
      } finally {
        meetingEvents.release(row.id);
      }
    },
  };

  return { events, meetingEvents, analytics, notifier, reconciler, background, ready, idle: () => background.idle() };
}
