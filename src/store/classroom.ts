// Classroom settings per course (`config set lock-cameras on`) and client preferences per user
// (`prefs listen-only on`), as the text core/classroom.ts parsed them.
import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { Platform } from '../core/types.ts';

export class ClassroomStore {
  /** Every join link reads its course's settings (cached-reads.ts); each caller gets its own Map. */
  private readonly courses: CachedReads<[string, string][]>;

  constructor(private readonly db: Db) {
    this.courses = new CachedReads(freshnessOf(db));
  }

  course(courseCode: string): Map<string, string> {
    const rows = this.courses.get(courseCode, () =>
      (this.db.prepare('SELECT name, value FROM course_classroom WHERE course_code = ?').all(courseCode) as { name: string; value: string }[]).map(
        (r): [string, string] => [r.name, r.value],
      ),
    );
    return new Map(rows);
  }

  /** null removes the setting (back to the server's default). */
  setCourse(courseCode: string, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare('DELETE FROM course_classroom WHERE course_code = ? AND name = ?').run(courseCode, name);
      return;
    }
    this.db
      .prepare('INSERT INTO course_classroom (course_code, name, value) VALUES (?, ?, ?) ON CONFLICT (course_code, name) DO UPDATE SET value = excluded.value')
      .run(courseCode, name, value);
  }

  user(platform: Platform, userId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM user_prefs WHERE platform = ? AND user_id = ?').all(platform, userId) as { name: string; value: string }[];
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  setUser(platform: Platform, userId: string, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare('DELETE FROM user_prefs WHERE platform = ? AND user_id = ? AND name = ?').run(platform, userId, name);
      return;
    }
    this.db
      .prepare('INSERT INTO user_prefs (platform, user_id, name, value) VALUES (?, ?, ?, ?) ON CONFLICT (platform, user_id, name) DO UPDATE SET value = excluded.value')
      .run(platform, userId, name, value);
  }
}
