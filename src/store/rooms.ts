import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { RoomLink } from '../core/model.ts';
import type { Platform } from '../core/types.ts';

interface LinkRow {
  platform: string;
  room_id: string;
  course_code: string;
  group_name: string;
}

const toLink = (r: LinkRow): RoomLink => ({
  platform: r.platform as Platform,
  roomId: r.room_id,
  courseCode: r.course_code,
  group: r.group_name,
});

export class RoomStore {
  /** Every command reads its room's link (cached-reads.ts: dropped on any write that may change it). */
  private readonly cache: CachedReads<RoomLink | undefined>;

  constructor(private readonly db: Db) {
    this.cache = new CachedReads(freshnessOf(db));
  }

  get(platform: Platform, roomId: string): RoomLink | undefined {
    return this.cache.get(`${platform}\n${roomId}`, () => {
      const row = this.db
        .prepare('SELECT * FROM room_links WHERE platform = ? AND room_id = ?')
        .get(platform, roomId) as LinkRow | undefined;
      return row && toLink(row);
    });
  }

  /** Rooms linked to a course (optionally one group), e.g. to announce there. */
  forCourse(courseCode: string, group: string): RoomLink[] {
    return (
      this.db
        .prepare('SELECT * FROM room_links WHERE course_code = ? AND group_name = ? ORDER BY linked_at')
        .all(courseCode, group) as LinkRow[]
    ).map(toLink);
  }

  link(link: RoomLink, linkedBy: string): void {
    this.db
      .prepare(
        `INSERT INTO room_links (platform, room_id, course_code, group_name, linked_by, linked_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, room_id) DO UPDATE SET course_code = excluded.course_code,
           group_name = excluded.group_name, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
      )
      .run(link.platform, link.roomId, link.courseCode, link.group, linkedBy, Date.now());
  }

  unlink(platform: Platform, roomId: string): boolean {
    return this.db.prepare('DELETE FROM room_links WHERE platform = ? AND room_id = ?').run(platform, roomId).changes > 0;
  }
}
