import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { CourseMember, CourseRole } from '../core/model.ts';
import type { Platform } from '../core/types.ts';

interface MemberRow {
  platform: string;
  user_id: string;
  role: string;
  display_name: string | null;
}

export class RoleStore {
  /** Every command resolves the caller's role (cached-reads.ts). */
  private readonly roles: CachedReads<CourseRole | undefined>;
  private readonly adminFlags: CachedReads<boolean>;

  constructor(private readonly db: Db) {
    this.roles = new CachedReads(freshnessOf(db));
    this.adminFlags = new CachedReads(freshnessOf(db));
  }

  courseRole(courseCode: string, platform: Platform, userId: string): CourseRole | undefined {
    return this.roles.get(`${courseCode}\n${platform}\n${userId}`, () => {
      const row = this.db
        .prepare('SELECT role FROM course_roles WHERE course_code = ? AND platform = ? AND user_id = ?')
        .get(courseCode, platform, userId) as { role: CourseRole } | undefined;
      return row?.role;
    });
  }

  /** Whether the user teaches or coaches any course (may start the global conference, personal rooms). */
  teachesAnywhere(platform: Platform, userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM course_roles WHERE platform = ? AND user_id = ? LIMIT 1').get(platform, userId) !== undefined;
  }

  members(courseCode: string): CourseMember[] {
    const rows = this.db
      .prepare('SELECT * FROM course_roles WHERE course_code = ? ORDER BY role DESC, user_id')
      .all(courseCode) as MemberRow[];
    return rows.map((r) => ({
      platform: r.platform as Platform,
      userId: r.user_id,
      role: r.role as CourseRole,
      displayName: r.display_name,
    }));
  }

  setCourseRole(courseCode: string, platform: Platform, userId: string, role: CourseRole, displayName: string): void {
    this.db
      .prepare(
        `INSERT INTO course_roles (course_code, platform, user_id, role, display_name) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (course_code, platform, user_id) DO UPDATE SET role = excluded.role, display_name = excluded.display_name`,
      )
      .run(courseCode, platform, userId, role, displayName);
  }

  removeCourseRole(courseCode: string, platform: Platform, userId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM course_roles WHERE course_code = ? AND platform = ? AND user_id = ?')
        .run(courseCode, platform, userId).changes > 0
    );
  }

  isAdmin(platform: Platform, userId: string): boolean {
    return this.adminFlags.get(`${platform}\n${userId}`, () => this.db.prepare('SELECT 1 FROM admins WHERE platform = ? AND user_id = ?').get(platform, userId) !== undefined);
  }

  addAdmin(platform: Platform, userId: string, addedBy: string): boolean {
    return (
      this.db
        .prepare('INSERT INTO admins (platform, user_id, added_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .run(platform, userId, addedBy).changes > 0
    );
  }

  removeAdmin(platform: Platform, userId: string): boolean {
    return this.db.prepare('DELETE FROM admins WHERE platform = ? AND user_id = ?').run(platform, userId).changes > 0;
  }

  admins(platform: Platform): string[] {
    return (this.db.prepare('SELECT user_id FROM admins WHERE platform = ? ORDER BY user_id').all(platform) as { user_id: string }[]).map(
      (r) => r.user_id,
    );
  }
}
