import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { MeetingRecord } from '../core/model.ts';
import type { Platform } from '../core/types.ts';

interface MeetingRow {
  id: number;
  course_code: string;
  group_name: string;
  bbb_meeting_id: string;
  internal_meeting_id: string | null;
  create_time: string | null;
  record: number;
  started_by_platform: string;
  started_by: string;
  started_in_room: string;
  created_at: number;
  ended_at: number | null;
  end_reason: string | null;
  callback_token: string | null;
}

const toRecord = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  courseCode: r.course_code,
  group: r.group_name,
  bbbMeetingId: r.bbb_meeting_id,
  internalMeetingId: r.internal_meeting_id,
  createTime: r.create_time,
  record: r.record === 1,
  startedByPlatform: r.started_by_platform as Platform,
  startedBy: r.started_by,
  startedInRoom: r.started_in_room,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  callbackToken: r.callback_token,
});

export type NewMeeting = Omit<MeetingRecord, 'id' | 'endedAt' | 'endReason'>;

export class MeetingStore {
  /** Every join asks for the open meeting (cached-reads.ts). */
  private readonly openCache: CachedReads<MeetingRecord | undefined>;

  constructor(private readonly db: Db) {
    this.openCache = new CachedReads(freshnessOf(db));
  }

  /** The meeting of this course+group that the bot believes is open, if any. */
  open(courseCode: string, group: string): MeetingRecord | undefined {
    return this.openCache.get(`${courseCode}\n${group}`, () => {
      const row = this.db
        .prepare('SELECT * FROM meetings WHERE course_code = ? AND group_name = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1')
        .get(courseCode, group) as MeetingRow | undefined;
      return row && toRecord(row);
    });
  }

  allOpen(): MeetingRecord[] {
    return (this.db.prepare('SELECT * FROM meetings WHERE ended_at IS NULL ORDER BY id').all() as MeetingRow[]).map(toRecord);
  }

  byId(id: number): MeetingRecord | undefined {
    const row = this.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
    return row && toRecord(row);
  }

  byCallbackToken(token: string): MeetingRecord | undefined {
    const row = this.db.prepare('SELECT * FROM meetings WHERE callback_token = ?').get(token) as MeetingRow | undefined;
    return row && toRecord(row);
  }

  recent(courseCode: string, group: string, limit: number): MeetingRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM meetings WHERE course_code = ? AND group_name = ? ORDER BY id DESC LIMIT ?')
        .all(courseCode, group, limit) as MeetingRow[]
    ).map(toRecord);
  }

  insert(m: NewMeeting): MeetingRecord {
    const info = this.db
      .prepare(
        `INSERT INTO meetings (course_code, group_name, bbb_meeting_id, internal_meeting_id, create_time, record,
           started_by_platform, started_by, started_in_room, created_at, callback_token)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.courseCode, m.group, m.bbbMeetingId, m.internalMeetingId, m.createTime, m.record ? 1 : 0,
        m.startedByPlatform, m.startedBy, m.startedInRoom, m.createdAt, m.callbackToken,
      );
    return this.byId(Number(info.lastInsertRowid))!;
  }

  /** Marks the meeting ended. Returns false when it already was (callbacks can arrive twice). */
  markEnded(id: number, endedAt: number, reason: string): boolean {
    return (
      this.db.prepare('UPDATE meetings SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, reason, id)
        .changes > 0
    );
  }
}
