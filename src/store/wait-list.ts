// Users who asked to be told when a meeting starts (notify-me), per meeting scope.
import type { Db } from './db.ts';
import { courseOf, parseScopeKey, scopeKey, type MeetingScope } from '../core/scope.ts';
import type { Platform } from '../core/types.ts';

export interface Waiter {
  scope: MeetingScope;
  platform: Platform;
  userId: string;
  displayName: string;
  /** The room where they asked: the notification refers to it (Slack ephemeral there). */
  roomId: string;
  addedAt: number;
}

interface WaiterRow {
  scope_key: string;
  platform: string;
  user_id: string;
  display_name: string;
  room_id: string;
  added_at: number;
}

const toWaiter = (r: WaiterRow): Waiter => ({
  scope: parseScopeKey(r.scope_key),
  platform: r.platform as Platform,
  userId: r.user_id,
  displayName: r.display_name,
  roomId: r.room_id,
  addedAt: r.added_at,
});

export class WaitListStore {
  constructor(private readonly db: Db) {}

  /** Adds (or refreshes) a waiter. Returns false when they were already on the list. */
  add(w: Waiter): boolean {
    const existed = this.has(w.scope, w.platform, w.userId);
    this.db
      .prepare(
        `INSERT INTO wait_list (scope_key, course_code, platform, user_id, display_name, room_id, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope_key, platform, user_id) DO UPDATE SET
           display_name = excluded.display_name, room_id = excluded.room_id, added_at = excluded.added_at`,
      )
      .run(scopeKey(w.scope), courseOf(w.scope) ?? null, w.platform, w.userId, w.displayName, w.roomId, w.addedAt);
    return !existed;
  }

  has(scope: MeetingScope, platform: Platform, userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM wait_list WHERE scope_key = ? AND platform = ? AND user_id = ?').get(scopeKey(scope), platform, userId) !== undefined;
  }

  list(scope: MeetingScope): Waiter[] {
    return (
      this.db.prepare('SELECT * FROM wait_list WHERE scope_key = ? ORDER BY added_at, user_id').all(scopeKey(scope)) as WaiterRow[]
    ).map(toWaiter);
  }

  /** Removes one waiter; false when someone else already did (the removal is the claim to notify). */
  remove(scope: MeetingScope, platform: Platform, userId: string): boolean {
    return this.db.prepare('DELETE FROM wait_list WHERE scope_key = ? AND platform = ? AND user_id = ?').run(scopeKey(scope), platform, userId).changes > 0;
  }

  /** Clears the list of a scope, keeping requests made after `before` (for the next session). */
  clear(scope: MeetingScope, before: number = Number.MAX_SAFE_INTEGER): number {
    return this.db.prepare('DELETE FROM wait_list WHERE scope_key = ? AND added_at <= ?').run(scopeKey(scope), before).changes;
  }
}
