// Students who asked to be told when their course+group meeting starts (notify-me).
import type { Db } from './db.ts';
import type { Platform } from '../core/types.ts';

export interface Waiter {
  courseCode: string;
  group: string;
  platform: Platform;
  userId: string;
  displayName: string;
  /** The room where they asked: the notification refers to it (Slack ephemeral there). */
  roomId: string;
  addedAt: number;
}

interface WaiterRow {
  course_code: string;
  group_name: string;
  platform: string;
  user_id: string;
  display_name: string;
  room_id: string;
  added_at: number;
}

const toWaiter = (r: WaiterRow): Waiter => ({
  courseCode: r.course_code,
  group: r.group_name,
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
    const existed = this.has(w.courseCode, w.group, w.platform, w.userId);
    this.db
      .prepare(
        `INSERT INTO wait_list (course_code, group_name, platform, user_id, display_name, room_id, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (course_code, group_name, platform, user_id) DO UPDATE SET
           display_name = excluded.display_name, room_id = excluded.room_id, added_at = excluded.added_at`,
      )
      .run(w.courseCode, w.group, w.platform, w.userId, w.displayName, w.roomId, w.addedAt);
    return !existed;
  }

  has(courseCode: string, group: string, platform: Platform, userId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM wait_list WHERE course_code = ? AND group_name = ? AND platform = ? AND user_id = ?')
        .get(courseCode, group, platform, userId) !== undefined
    );
  }

  list(courseCode: string, group: string): Waiter[] {
    return (
      this.db
        .prepare('SELECT * FROM wait_list WHERE course_code = ? AND group_name = ? ORDER BY added_at, user_id')
        .all(courseCode, group) as WaiterRow[]
    ).map(toWaiter);
  }

  /** Removes one waiter; false when someone else already did (the removal is the claim to notify). */
  remove(courseCode: string, group: string, platform: Platform, userId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM wait_list WHERE course_code = ? AND group_name = ? AND platform = ? AND user_id = ?')
        .run(courseCode, group, platform, userId).changes > 0
    );
  }

  /** Clears the list of a course+group, keeping requests made after `before` (for the next session). */
  clear(courseCode: string, group: string, before: number = Number.MAX_SAFE_INTEGER): number {
    return this.db
      .prepare('DELETE FROM wait_list WHERE course_code = ? AND group_name = ? AND added_at <= ?')
      .run(courseCode, group, before).changes;
  }
}
