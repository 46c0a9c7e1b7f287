// The safety net when callbacks are lost (or PUBLIC_URL is not set): open meetings are checked
// with getMeetingInfo (sampling attendance while they run), ended recorded meetings with
// getRecordings until their recording appears or RECORDING_WATCH_HOURS pass. What it finds goes
// through MeetingEvents, like a callback, so each event is processed once.
import type { MeetingInfo } from '../../bbb/types.ts';
import { isBbbKey } from '../../bbb/errors.ts';
import type { MeetingRecord } from '../model.ts';
import { meetingSettings } from '../scope-policy.ts';
import type { AfterDeps } from './deps.ts';
import type { MeetingEvents } from './meeting-events.ts';
import type { WaitListNotifier } from './waitlist.ts';

const MAX_MEETING_BACKOFF_MS = 15 * 60_000;
/** A started meeting whose students wait for a teacher or coach (moderator-present) is looked at this often. */
export const MODERATOR_WAIT_POLL_MS = 3_000;
const FIRST_RECORDING_WAIT_MS = 60_000;
const MAX_RECORDING_BACKOFF_MS = 60 * 60_000;

export class Reconciler {
  /** Next check of each open meeting (in memory: after a restart every meeting is checked at once). */
  private readonly next = new Map<number, { at: number; failures: number }>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly d: AfterDeps,
    private readonly events: MeetingEvents,
    private readonly notifier: WaitListNotifier,
  ) {}

  /** One pass over what is due at `now`. Passes never overlap. */
  tick(now: number = Date.now()): Promise<void> {
    const run = this.chain.then(() => this.run(now));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Ticks every `intervalMs`, or every few seconds when that is longer (a tick only checks what is
   * due; meetings waiting for a moderator are due every MODERATOR_WAIT_POLL_MS). Unref'd: it never
   * keeps the process alive. Returns the stopper.
   */
  start(intervalMs: number): () => void {
    const timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.d.log.error('reconciliation failed', { error: err }));
    }, Math.min(intervalMs, MODERATOR_WAIT_POLL_MS));
    timer.unref();
    return () => clearInterval(timer);
  }

  private async run(now: number): Promise<void> {
    if (!this.d.conference.server()) return;
    const open = this.d.store.meetings.allOpen();
    for (const id of this.next.keys()) if (!open.some((m) => m.id === id)) this.next.delete(id);
    for (const row of open) {
      const due = this.next.get(row.id);
      if (!due || due.at <= now) await this.guard(() => this.checkMeeting(row, now, due?.failures ?? 0));
    }
    for (const w of this.d.store.recordingLog.due(now)) await this.guard(() => this.checkRecording(w.meetingId, w.deadline, w.attempts, now));
  }

  /** One item failing never stops the pass. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.d.log.error('reconcile: check failed', { error: err });
    }
  }

  private async checkMeeting(row: MeetingRecord, now: number, failures: number): Promise<void> {
    const pollMs = this.d.pollSeconds * 1000;
    let info: MeetingInfo | undefined;
    try {
      info = await this.d.conference.api().getMeetingInfo(row.bbbMeetingId);
    } catch (err) {
      if (!isBbbKey(err, 'notFound')) {
        this.next.set(row.id, { at: now + Math.min(pollMs * 2 ** (failures + 1), MAX_MEETING_BACKOFF_MS), failures: failures + 1 });
        this.d.log.warn('reconcile: could not check a meeting', { meeting: row.id, error: err instanceof Error ? err.message : String(err) });
        return;
      }
    }
    const otherSession = info && row.internalMeetingId !== null && info.internalMeetingId !== row.internalMeetingId;
    if (!info || info.hasBeenForciblyEnded || otherSession) {
      this.next.delete(row.id);
      await this.events.onMeetingEnded(row, { reason: 'reconciled', at: now });
      return;
    }
    this.d.store.attendance.sample(row.id, info.attendees, now);
    // Under moderator-present, students are told the moment a teacher or coach is in: look often until then.
    const waitingForModerator = meetingSettings(this.d.store, row.scope)?.joinPolicy === 'moderator-present' && info.moderatorCount === 0;
    this.next.set(row.id, { at: now + (waitingForModerator ? Math.min(pollMs, MODERATOR_WAIT_POLL_MS) : pollMs), failures: 0 });
    // A meeting that became joinable (e.g. a moderator arrived under moderator-present) tells those waiting.
    if (this.d.store.waitList.list(row.scope).length > 0) await this.notifier.notifyWaiting(row.scope);
  }

  private async checkRecording(meetingId: number, deadline: number, attempts: number, now: number): Promise<void> {
    const { store, log } = this.d;
    const row = store.meetings.byId(meetingId);
    if (!row || now > deadline) {
      if (row) log.info('reconcile: no recording appeared before the deadline', { meeting: meetingId });
      store.recordingLog.stopWatching(meetingId);
      return;
    }
    const later = (): void => store.recordingLog.postpone(meetingId, now + Math.min(FIRST_RECORDING_WAIT_MS * 2 ** attempts, MAX_RECORDING_BACKOFF_MS));
    let found;
    try {
      found = await this.d.conference.api().getRecordings({ meetingId: row.bbbMeetingId, state: 'any' });
    } catch (err) {
      log.warn('reconcile: could not list recordings', { meeting: meetingId, error: err instanceof Error ? err.message : String(err) });
      return later();
    }
    const session = found.filter(
      (r) => r.meetingId === row.bbbMeetingId &&
        (row.internalMeetingId ? r.recordId === row.internalMeetingId : r.startTime >= Number(row.createTime ?? 0)),
    );
    const published = session.find((r) => r.state === 'published' && r.published);
    if (published) {
      await this.events.onRecordingReady(published.recordId);
      store.recordingLog.stopWatching(meetingId);
    } else if (session.some((r) => r.state === 'deleted')) {
      store.recordingLog.stopWatching(meetingId);
    } else {
      later();
    }
  }
}
