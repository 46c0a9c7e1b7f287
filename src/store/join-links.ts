// One-time join links: who a link is for and which session, keyed by the SHA-256 of its token.
// The signed BBB URL is never stored; it is made when the link is opened.
import type { Db } from './db.ts';
import type { Platform } from '../core/types.ts';

export interface JoinLinkRecord {
  /** The meeting's scope key (the column predates scopes: a course's key is its code). */
  scopeKey: string;
  meetingRowId: number | null;
  bbbMeetingId: string;
  createTime: string;
  platform: Platform;
  userId: string;
  displayName: string;
  role: 'MODERATOR' | 'VIEWER';
  /** The command word of the platform it was given on (`/conference`), for the refusal page. */
  prefix: string;
  createdAt: number;
  expiresAt: number;
  openedAt: number | null;
}

interface Row {
  course_code: string; meeting_row_id: number | null; bbb_meeting_id: string; create_time: string; platform: string;
  user_id: string; display_name: string; role: string; prefix: string; created_at: number; expires_at: number; opened_at: number | null;
}

const toRecord = (r: Row): JoinLinkRecord => ({
  scopeKey: r.course_code, meetingRowId: r.meeting_row_id, bbbMeetingId: r.bbb_meeting_id, createTime: r.create_time,
  platform: r.platform as Platform, userId: r.user_id, displayName: r.display_name, role: r.role as JoinLinkRecord['role'],
  prefix: r.prefix, createdAt: r.created_at, expiresAt: r.expires_at, openedAt: r.opened_at,
});

/** Refused links are kept this long after expiry, so a late opening still gets the right page. */
const KEEP_MS = 24 * 3600_000;

export class JoinLinkStore {
  constructor(private readonly db: Db) {}

  insert(tokenHash: string, link: Omit<JoinLinkRecord, 'openedAt'>): void {
    this.db.prepare('DELETE FROM join_links WHERE expires_at < ?').run(link.createdAt - KEEP_MS);
    this.db
      .prepare(
        `INSERT INTO join_links (token_hash, course_code, meeting_row_id, bbb_meeting_id, create_time, platform, user_id,
           display_name, role, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(tokenHash, link.scopeKey, link.meetingRowId, link.bbbMeetingId, link.createTime, link.platform, link.userId,
        link.displayName, link.role, link.prefix, link.createdAt, link.expiresAt);
  }

  /** Marks the link opened if it is unopened and unexpired at `now`; true only for that one opening. */
  consume(tokenHash: string, now: number): boolean {
    const r = this.db
      .prepare('UPDATE join_links SET opened_at = ? WHERE token_hash = ? AND opened_at IS NULL AND expires_at > ?')
      .run(now, tokenHash, now);
    return r.changes === 1;
  }

  get(tokenHash: string): JoinLinkRecord | undefined {
    const row = this.db.prepare('SELECT * FROM join_links WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row && toRecord(row);
  }
}
