// Guest invitations (PUBLIC_URL/g/<token>): for which course and group, until when, how many uses,
// keyed by the SHA-256 of the token; the token itself is never stored.
import type { Db } from './db.ts';
import type { Platform } from '../core/types.ts';

export interface GuestInvitation {
  id: number;
  courseCode: string;
  group: string;
  platform: Platform;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revokedAt: number | null;
}

interface Row {
  id: number; course_code: string; grp: string; platform: string; created_by: string; created_at: number;
  expires_at: number; max_uses: number; uses: number; revoked_at: number | null;
}

const toInvitation = (r: Row): GuestInvitation => ({
  id: r.id, courseCode: r.course_code, group: r.grp, platform: r.platform as Platform, createdBy: r.created_by,
  createdAt: r.created_at, expiresAt: r.expires_at, maxUses: r.max_uses, uses: r.uses, revokedAt: r.revoked_at,
});

/** Spent invitations are kept this long after expiry, so a late opening still gets the right page. */
const KEEP_MS = 7 * 24 * 3600_000;

export class GuestInvitationStore {
  constructor(private readonly db: Db) {}

  insert(tokenHash: string, i: Omit<GuestInvitation, 'id' | 'uses' | 'revokedAt'>): number {
    this.db.prepare('DELETE FROM guest_invitations WHERE expires_at < ?').run(i.createdAt - KEEP_MS);
    const r = this.db
      .prepare(
        `INSERT INTO guest_invitations (token_hash, course_code, grp, platform, created_by, created_at, expires_at, max_uses)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(tokenHash, i.courseCode, i.group, i.platform, i.createdBy, i.createdAt, i.expiresAt, i.maxUses);
    return Number(r.lastInsertRowid);
  }

  get(tokenHash: string): GuestInvitation | undefined {
    const row = this.db.prepare('SELECT * FROM guest_invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row && toInvitation(row);
  }

  /** The course's (and group's) invitations still usable at `now`, oldest first. */
  usable(courseCode: string, group: string, now: number): GuestInvitation[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM guest_invitations WHERE course_code = ? AND grp = ? AND revoked_at IS NULL AND expires_at > ?
           AND uses < max_uses ORDER BY id`,
      )
      .all(courseCode, group, now) as Row[];
    return rows.map(toInvitation);
  }

  /** Revokes one of the course's (and group's) invitations; false when there is no such usable one. */
  revoke(courseCode: string, group: string, id: number, now: number): boolean {
    const r = this.db
      .prepare('UPDATE guest_invitations SET revoked_at = ? WHERE id = ? AND course_code = ? AND grp = ? AND revoked_at IS NULL AND expires_at > ?')
      .run(now, id, courseCode, group, now);
    return r.changes === 1;
  }

  /** Counts one use if the invitation is still usable at `now`; true only for a use that counted. */
  use(id: number, now: number): boolean {
    const r = this.db
      .prepare('UPDATE guest_invitations SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL AND expires_at > ? AND uses < max_uses')
      .run(id, now);
    return r.changes === 1;
  }
}
