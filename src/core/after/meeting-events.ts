// The two events that happen after a command: a meeting ended, a recording is ready. Callbacks,
// the reconciler and the `end` command all come through here, and each event is processed once.
import type { Recording } from '../../bbb/types.ts';
import type { MeetingRecord } from '../model.ts';
import { parseScopeKey, scopeKey, type MeetingScope } from '../scope.ts';
import { announceRooms } from '../scope-policy.ts';
import { scopeWords } from './scope-words.ts';
import type { Platform, Reply } from '../types.ts';
import { recordingReply, summaryReply } from './announcements.ts';
import { postToRooms, type AfterDeps } from './deps.ts';

export interface EndCause {
  reason: 'callback' | 'end-command' | 'reconciled';
  at: number;
  /** From the end callback: false means no recording will come. */
  recordingMarks?: boolean;
  /** The room of the `end` command: it gets the summary in the command's own reply. */
  fromRoom?: { platform: Platform; roomId: string };
}

const CLAIM_MS = 10_000;

export class MeetingEvents {
  /** Meetings being ended by the `end` command: a callback arriving meanwhile waits for it. */
  private readonly claims = new Map<number, { done: Promise<void>; release: () => void }>();

  constructor(private readonly d: AfterDeps) {}

  private now(): number {
    return this.d.now?.() ?? Date.now();
  }

  claim(rowId: number): void {
    if (this.claims.has(rowId)) return;
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => (resolve = r));
    const timer = setTimeout(() => this.release(rowId), CLAIM_MS);
    timer.unref();
    this.claims.set(rowId, { done, release: () => (clearTimeout(timer), resolve()) });
  }

  release(rowId: number): void {
    const claim = this.claims.get(rowId);
    this.claims.delete(rowId);
    claim?.release();
  }

  /** Marks the meeting ended and tells its rooms, once. Returns the summary when this call did it. */
  async onMeetingEnded(row: MeetingRecord, cause: EndCause): Promise<Reply | undefined> {
    const { store, conference } = this.d;
    if (cause.reason !== 'end-command') await this.claims.get(row.id)?.done;
    if (!store.meetings.markEnded(row.id, cause.at, cause.reason)) return undefined;
    conference.forget(row.bbbMeetingId);
    store.waitList.clear(row.scope, cause.at);
    if (row.record && cause.recordingMarks !== false) {
      store.recordingLog.watch(row.id, cause.at, cause.at + this.d.recordingWatchHours * 3_600_000);
    }
    const words = scopeWords(store, this.d.language, row.scope);
    if (!words) return undefined;
    const { t, label } = words;
    // Exact when BBB's analytics came first; recorded in the same step, so a later report can correct it.
    const people = store.analytics.attendeeCount(row.id) ?? store.attendance.presentCount(row.id);
    store.analytics.summaryPosted(row.id, people);
    const reply = summaryReply(t, label, row, cause.at, people, this.d.timeZone);
    const from = cause.fromRoom;
    const rooms = announceRooms(store, row.scope).filter((r) => !(from && r.platform === from.platform && r.roomId === from.roomId));
    const posted = await postToRooms(this.d, rooms, reply);
    for (const { room, ref } of posted) store.analytics.summaryMessage(row.id, room.platform, room.roomId, ref);
    return reply;
  }

  /** Announces a published recording in its course's rooms, once per record id. */
  async onRecordingReady(recordId: string, meetingIdHint?: string): Promise<boolean> {
    const { store, conference, log } = this.d;
    if (store.recordingLog.announced(recordId)) return false;
    const rec = (await conference.api().getRecordings({ recordId, state: 'any' })).find((r) => r.recordId === recordId);
    if (!rec || (meetingIdHint !== undefined && rec.meetingId !== meetingIdHint)) {
      log.info('recording-ready: no such recording on the server', { recordId });
      return false;
    }
    conference.forget(rec.meetingId); // a new recording: the next `recordings` list must show it
    const owner = this.ownerOf(rec);
    if (!owner) {
      log.info('recording-ready: not a recording of ours', { recordId });
      return false;
    }
    const rowId = store.recordingLog.meetingIdForRecording(recordId);
    if (rec.state === 'deleted' && rowId !== undefined) store.recordingLog.stopWatching(rowId);
    if (rec.state !== 'published' || !rec.published) return false;
    if (!store.recordingLog.claimAnnouncement(recordId, rowId, this.now())) return false;
    if (rowId !== undefined) store.recordingLog.stopWatching(rowId);
    const words = scopeWords(store, this.d.language, owner);
    if (!words) return false;
    await postToRooms(this.d, announceRooms(store, owner), recordingReply(words.t, words.label, owner, rec, this.d.timeZone));
    return true;
  }

  /** The scope of a recording, if one of this bot's meetings made it. */
  ownerOf(rec: Recording): MeetingScope | undefined {
    const { store, conference } = this.d;
    const rowId = store.recordingLog.meetingIdForRecording(rec.recordId);
    const row = rowId === undefined ? undefined : store.meetings.byId(rowId);
    if (row && row.bbbMeetingId === rec.meetingId) return row.scope;
    const code = rec.metadata['bbb-chatops-course'];
    const key = code ? scopeKey({ kind: 'course', courseCode: code, group: rec.metadata['bbb-chatops-group'] ?? '' }) : rec.metadata['bbb-chatops-scope'];
    if (key === undefined || (!code && !key.startsWith('*'))) return undefined;
    let scope: MeetingScope;
    try {
      scope = parseScopeKey(key);
    } catch {
      return undefined;
    }
    // Only a meeting ID derived from the scope proves it: metadata alone can be forged by anyone who can record.
    return conference.meetingIdOf(scope) === rec.meetingId ? scope : undefined;
  }
}
