// The analytics report arriving after a meeting: stored once; if the meeting is not yet known to
// have ended (the end callback was lost), it ends now with the exact count; if the room already got
// a summary counted from polling and BBB's count differs, the summary is edited in place with the
// exact count (Slack chat.update, Matrix m.replace), or, where that cannot be done (no reference to
// the posted summary, the platform refused, a console), the room gets one follow-up message.
import type { ExactReport } from '../../store/analytics.ts';
import type { AnnounceRoom } from '../../store/scopes.ts';
import type { MeetingRecord } from '../model.ts';
import { scopeKey } from '../scope.ts';
import { announceRooms } from '../scope-policy.ts';
import { scopeWords } from './scope-words.ts';
import type { Reply } from '../types.ts';
import { summaryReply } from './announcements.ts';
import { postToRooms, type AfterDeps } from './deps.ts';
import type { MeetingEvents } from './meeting-events.ts';

/** State namespace: per meeting, the room where `end` was typed and who typed it (its summary says "Ended by"). */
export const ENDED_BY = 'summary-ended-by';

export class AnalyticsEvents {
  constructor(
    private readonly d: AfterDeps,
    private readonly meetingEvents: MeetingEvents,
  ) {}

  /** Stores the report and acts on it. False when it had arrived before (nothing changes). */
  save(row: MeetingRecord, report: ExactReport): boolean {
    return this.d.store.analytics.save(row.id, report, this.d.now?.() ?? Date.now());
  }

  /** After a new report was saved: end the meeting with the exact count, or correct the summary. */
  async arrived(row: MeetingRecord, report: ExactReport): Promise<void> {
    const { store } = this.d;
    const current = store.meetings.byId(row.id);
    if (!current) return;
    const endedBy = JSON.parse(store.state.get(ENDED_BY, String(row.id)) ?? 'null') as { platform: string; roomId: string; name: string } | null;
    store.state.delete(ENDED_BY, String(row.id)); // the report comes once: the summary is corrected now or never
    if (current.endedAt === null) {
      const at = report.finishedAt ?? this.d.now?.() ?? Date.now();
      if (await this.meetingEvents.onMeetingEnded(current, { reason: 'callback', at })) return; // counted exactly
    }
    // A summary counted before the report was stored says its own number: correct it once if BBB's differs.
    const counted = store.analytics.summaryCount(row.id);
    const exact = store.analytics.attendeeCount(row.id);
    const ended = store.meetings.byId(row.id);
    if (counted === undefined || exact === undefined || counted === exact || ended?.endedAt == null) return;
    const words = scopeWords(store, this.d.language, row.scope);
    if (!words) return;
    const { t, label } = words;
    const corrected = summaryReply(t, label, ended, ended.endedAt, exact, this.d.timeZone);
    const followUps: AnnounceRoom[] = [];
    for (const room of announceRooms(store, row.scope)) {
      const ref = store.analytics.summaryRef(row.id, room.platform, room.roomId);
      const typedHere = endedBy?.platform === room.platform && endedBy.roomId === room.roomId;
      const reply = typedHere ? { ...corrected, text: `${corrected.text} ${t.endedBy(endedBy.name)}` } : corrected;
      if (ref === undefined || !(await this.edit(room, ref, reply))) followUps.push(room);
    }
    if (followUps.length === 0) return;
    const text = t.analytics.exactCount(label, exact, counted);
    const reply = { audience: 'room' as const, text, topic: { event: 'notice' as const, meetingKey: scopeKey(row.scope) }, language: t.language };
    await postToRooms(this.d, followUps, reply);
  }

  /** Replaces the summary posted in a room. False when its platform cannot or would not. */
  private async edit(room: AnnounceRoom, ref: string, reply: Reply): Promise<boolean> {
    const messenger = this.d.messengers().get(room.platform);
    if (!messenger?.editRoomMessage) return false;
    try {
      await messenger.editRoomMessage(room.roomId, ref, reply);
      return true;
    } catch (err) {
      this.d.log.warn('could not edit the summary in a room; following up instead', { platform: room.platform, room: room.roomId, error: err });
      return false;
    }
  }
}
