// What a chat platform told us about a user (Slack users.info): the display name plus a JSON
// object of further fields (extensible: an admin flag, a locale …), kept until `expiresAt`.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export interface UserProfile {
  displayName: string;
  /** Platform-specific extras; whatever JSON object the adapter stored. */
  fields: Record<string, unknown>;
  fetchedAt: number;
  expiresAt: number;
}

interface Row {
  display_name: string;
  fields: string;
  fetched_at: number;
  expires_at: number;
}

export class UserProfileStore {
  private readonly select: Statement<[string, string, number], Row>;
  private readonly upsert: Statement<[string, string, string, string, number, number]>;
  private readonly purge: Statement<[number]>;

  constructor(db: Db) {
    // Prepared once: a profile is read on every command of a known user.
    this.select = db.prepare('SELECT display_name, fields, fetched_at, expires_at FROM user_profiles WHERE platform = ? AND user_id = ? AND expires_at > ?');
    this.upsert = db.prepare(
      `INSERT INTO user_profiles (platform, user_id, display_name, fields, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, fields = excluded.fields,
         fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
    );
    this.purge = db.prepare('DELETE FROM user_profiles WHERE expires_at <= ?');
  }

  /** The profile unless it expired by `now`. */
  get(platform: string, userId: string, now: number): UserProfile | undefined {
    const row = this.select.get(platform, userId, now);
    if (!row) return undefined;
    const fields = JSON.parse(row.fields) as unknown;
    return {
      displayName: row.display_name,
      fields: fields !== null && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : {},
      fetchedAt: row.fetched_at,
      expiresAt: row.expires_at,
    };
  }

  put(platform: string, userId: string, profile: UserProfile): void {
    this.upsert.run(platform, userId, profile.displayName, JSON.stringify(profile.fields), profile.fetchedAt, profile.expiresAt);
  }

  /** Forgets every profile expired by `now` (names of people who left); returns how many. */
  purgeExpired(now: number): number {
    return this.purge.run(now).changes;
  }
}
