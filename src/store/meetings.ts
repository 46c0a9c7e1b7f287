import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { MeetingRecord } from '../core/model.ts';
import { courseOf, parseScopeKey, scopeKey, type MeetingScope } from '../core/scope.ts';
import type { Platform } from '../core/types.ts';

interface MeetingRow {
  id: number;
  scope_key: string;
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
  scope: parseScopeKey(r.scope_key),
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

  /** The meeting of this scope that the bot believes is open, if any. */
  open(scope: MeetingScope): MeetingRecord | undefined {
    const key = scopeKey(scope);
    return this.openCache.get(key, () => {
      const row = this.db
        .prepare('SELECT * FROM meetings WHERE scope_key = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1')
        .get(key) as MeetingRow | undefined;
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

  recent(scope: MeetingScope, limit: number): MeetingRecord[] {
    return (
      this.db.prepare('SELECT * FROM meetings WHERE scope_key = ? ORDER BY id DESC LIMIT ?').all(scopeKey(scope), limit) as MeetingRow[]
    ).map(toRecord);
  }

  insert(m: NewMeeting): MeetingRecord {
    const info = this.db
      .prepare(
        `INSERT INTO meetings (scope_key, course_code, group_name, bbb_meeting_id, internal_meeting_id, create_time, record,
           started_by_platform, started_by, started_in_room, created_at, callback_token)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        scopeKey(m.scope), courseOf(m.scope) ?? null, m.scope.kind === 'course' ? m.scope.group : '',
        m.bbbMeetingId, m.internalMeetingId, m.createTime, m.record ? 1 : 0,
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

  /** Makes a user a moderator of one session (a personal room's co-moderator). */
  addSessionModerator(meetingId: number, platform: Platform, userId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO session_moderators (meeting_id, platform, user_id) VALUES (?, ?, ?)').run(meetingId, platform, userId);
  }

  isSessionModerator(meetingId: number, platform: Platform, userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM session_moderators WHERE meeting_id = ? AND platform = ? AND user_id = ?').get(meetingId, platform, userId) !== undefined;
  }
}
