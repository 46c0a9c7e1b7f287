import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { Course, JoinPolicy, Language } from '../core/model.ts';

interface CourseRow {
  code: string;
  title: string;
  record: number;
  max_participants: number | null;
  duration_minutes: number | null;
  welcome: string | null;
  language: string | null;
  join_policy: string;
}

function toCourse(r: CourseRow): Course {
  return {
    code: r.code,
    title: r.title,
    record: r.record === 1,
    maxParticipants: r.max_participants,
    durationMinutes: r.duration_minutes,
    welcome: r.welcome,
    language: r.language as Language | null,
    joinPolicy: r.join_policy as JoinPolicy,
  };
}

export type CourseOptions = Partial<Omit<Course, 'code'>>;

const COLUMNS: Record<keyof CourseOptions, string> = {
  title: 'title',
  record: 'record',
  maxParticipants: 'max_participants',
  durationMinutes: 'duration_minutes',
  welcome: 'welcome',
  language: 'language',
  joinPolicy: 'join_policy',
};

export class CourseStore {
  /** Every command in a linked room reads its course (cached-reads.ts). */
  private readonly cache: CachedReads<Course | undefined>;

  constructor(private readonly db: Db) {
    this.cache = new CachedReads(freshnessOf(db));
  }

  get(code: string): Course | undefined {
    return this.cache.get(code, () => {
      const row = this.db.prepare('SELECT * FROM courses WHERE code = ?').get(code) as CourseRow | undefined;
      return row && toCourse(row);
    });
  }

  list(): Course[] {
    return (this.db.prepare('SELECT * FROM courses ORDER BY code').all() as CourseRow[]).map(toCourse);
  }

  /** Creates the course, or updates its title when one is given. */
  ensure(code: string, title: string | undefined): Course {
    this.db
      .prepare(
        `INSERT INTO courses (code, title, created_at) VALUES (?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET title = COALESCE(?, title)`,
      )
      .run(code, title ?? code, Date.now(), title ?? null);
    return this.get(code)!;
  }

  update(code: string, options: CourseOptions): Course {
    for (const [key, value] of Object.entries(options) as [keyof CourseOptions, unknown][]) {
      const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      this.db.prepare(`UPDATE courses SET ${COLUMNS[key]} = ? WHERE code = ?`).run(v ?? null, code);
    }
    return this.get(code)!;
  }
}
