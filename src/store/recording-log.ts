// Recordings the bot waits for (ended recorded meetings, until a deadline) and the ones it has
// announced (dedupe by record id: BBB calls back once per playback format).
import type { Db } from './db.ts';

export interface RecordingWatch {
  meetingId: number;
  deadline: number;
  nextCheckAt: number;
  attempts: number;
}

interface WatchRow {
  meeting_id: number;
  deadline: number;
  next_check_at: number;
  attempts: number;
}

export class RecordingLogStore {
  constructor(private readonly db: Db) {}

  watch(meetingId: number, firstCheckAt: number, deadline: number): void {
    this.db
      .prepare('INSERT INTO recording_watch (meeting_id, deadline, next_check_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(meetingId, deadline, firstCheckAt);
  }

  due(now: number): RecordingWatch[] {
    const rows = this.db.prepare('SELECT * FROM recording_watch WHERE next_check_at <= ? ORDER BY next_check_at').all(now) as WatchRow[];
    return rows.map((r) => ({ meetingId: r.meeting_id, deadline: r.deadline, nextCheckAt: r.next_check_at, attempts: r.attempts }));
  }

  watching(meetingId: number): boolean {
    return this.db.prepare('SELECT 1 FROM recording_watch WHERE meeting_id = ?').get(meetingId) !== undefined;
  }

  postpone(meetingId: number, nextCheckAt: number): void {
    this.db.prepare('UPDATE recording_watch SET next_check_at = ?, attempts = attempts + 1 WHERE meeting_id = ?').run(nextCheckAt, meetingId);
  }

  stopWatching(meetingId: number): void {
    this.db.prepare('DELETE FROM recording_watch WHERE meeting_id = ?').run(meetingId);
  }

  announced(recordId: string): boolean {
    return this.db.prepare('SELECT 1 FROM recordings_announced WHERE record_id = ?').get(recordId) !== undefined;
  }

  /** Claims the announcement of a recording. False when it was already announced (or claimed). */
  claimAnnouncement(recordId: string, meetingId: number | undefined, at: number): boolean {
    return (
      this.db
        .prepare('INSERT INTO recordings_announced (record_id, meeting_id, announced_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .run(recordId, meetingId ?? null, at).changes > 0
    );
  }

  /** The meeting session a recording belongs to (BBB's recordID is the session's internal meeting id). */
  meetingIdForRecording(recordId: string): number | undefined {
    const row = this.db.prepare('SELECT id FROM meetings WHERE internal_meeting_id = ? ORDER BY id DESC LIMIT 1').get(recordId) as
      | { id: number }
      | undefined;
    return row?.id;
  }
}
