// Attendance of a meeting session: who was given a link (by the bot) and who was seen inside
// (sampled from getMeetingInfo: first seen = joined, last seen = left).
import type { Db } from './db.ts';
import type { Platform } from '../core/types.ts';

export type MeetingRole = 'MODERATOR' | 'VIEWER';

export interface LinkGrant {
  platform: Platform;
  userId: string;
  displayName: string;
  role: MeetingRole;
  firstGivenAt: number;
  lastGivenAt: number;
}

export interface Presence {
  /** BBB userID: `<platform>:<user id>` for links made by the bot. */
  bbbUserId: string;
  fullName: string;
  role: string;
  firstSeen: number;
  lastSeen: number;
}

export class AttendanceStore {
  constructor(private readonly db: Db) {}

  linkGiven(meetingId: number, g: { platform: Platform; userId: string; displayName: string; role: MeetingRole }, at: number): void {
    this.db
      .prepare(
        `INSERT INTO link_grants (meeting_id, platform, user_id, display_name, role, first_given_at, last_given_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, platform, user_id) DO UPDATE SET
           display_name = excluded.display_name, role = excluded.role, last_given_at = excluded.last_given_at`,
      )
      .run(meetingId, g.platform, g.userId, g.displayName, g.role, at, at);
  }

  /** Records one getMeetingInfo sample: everyone inside is seen at `at`. */
  sample(meetingId: number, attendees: { userId: string; fullName: string; role: string }[], at: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO attendance (meeting_id, bbb_user_id, full_name, role, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, bbb_user_id) DO UPDATE SET full_name = excluded.full_name, role = excluded.role,
         first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
    );
    this.db.transaction(() => {
      for (const a of attendees) upsert.run(meetingId, a.userId, a.fullName, a.role, at, at);
    })();
  }

  grants(meetingId: number): LinkGrant[] {
    const rows = this.db
      .prepare('SELECT * FROM link_grants WHERE meeting_id = ? ORDER BY first_given_at, user_id')
      .all(meetingId) as { platform: string; user_id: string; display_name: string; role: string; first_given_at: number; last_given_at: number }[];
    return rows.map((r) => ({
      platform: r.platform as Platform,
      userId: r.user_id,
      displayName: r.display_name,
      role: r.role as MeetingRole,
      firstGivenAt: r.first_given_at,
      lastGivenAt: r.last_given_at,
    }));
  }

  presence(meetingId: number): Presence[] {
    const rows = this.db
      .prepare('SELECT * FROM attendance WHERE meeting_id = ? ORDER BY first_seen, bbb_user_id')
      .all(meetingId) as { bbb_user_id: string; full_name: string; role: string; first_seen: number; last_seen: number }[];
    return rows.map((r) => ({ bbbUserId: r.bbb_user_id, fullName: r.full_name, role: r.role, firstSeen: r.first_seen, lastSeen: r.last_seen }));
  }

  /** How many distinct people were seen inside. */
  presentCount(meetingId: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM attendance WHERE meeting_id = ?').get(meetingId) as { n: number }).n;
  }
}
