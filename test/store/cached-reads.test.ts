// The stores' cached point reads (src/store/cached-reads.ts, issue 14): they answer exactly what
// the database holds after any sequence of writes, by this connection or another one, inside
// rolled-back transactions or cascading from a deleted course; and a write to an unrelated
// table keeps them.
import { courseScope } from '../../src/core/scope.ts';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { SecretBox } from '../../src/store/secret-box.ts';
import type { Platform } from '../../src/core/types.ts';
import { tempDir } from './helpers.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function open(path: string): Store {
  const store = Store.open(path, { secretKey: 'c'.repeat(64) });
  cleanups.push(() => store.close());
  return store;
}

/** Two cached stores on one file, and an uncached one on a plain connection: the reference, and the writer from "another process". */
function world(): { a: Store; b: Store; truth: Store } {
  const t = tempDir();
  cleanups.push(t.remove);
  const path = join(t.dir, 'bot.sqlite');
  const a = open(path);
  const b = open(path);
  const raw = new Database(path);
  cleanups.push(() => raw.close());
  return { a, b, truth: new Store(raw, new SecretBox(randomBytes(32))) };
}

const COURSES = ['C1', 'C2'];
const ROOMS = ['R1', 'R2'];
const USERS = ['U1', 'U2'];
const GROUPS = ['', 'g1'];
const S: Platform = 'slack';

/** Everything the cached reads answer, as one comparable value. */
function snapshot(s: Store): unknown {
  return {
    rooms: ROOMS.map((r) => s.rooms.get(S, r) ?? null),
    courses: COURSES.map((c) => s.courses.get(c) ?? null),
    roles: COURSES.flatMap((c) => USERS.map((u) => s.roles.courseRole(c, S, u) ?? null)),
    admins: USERS.map((u) => s.roles.isAdmin(S, u)),
    languages: USERS.map((u) => s.userLanguages.get(S, u)),
    open: COURSES.flatMap((c) => GROUPS.map((g) => s.meetings.open(courseScope(c, g))?.id ?? null)),
    classroom: COURSES.map((c) => [...s.classroom.course(c)]),
  };
}

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const op = fc.oneof(
  fc.record({ k: fc.constant('ensure'), c: pick(COURSES), title: fc.constantFrom('Algebra', 'Physics') }),
  fc.record({ k: fc.constant('update'), c: pick(COURSES), lang: fc.constantFrom('es', 'nl', null) }),
  fc.record({ k: fc.constant('deleteCourse'), c: pick(COURSES) }),
  fc.record({ k: fc.constant('link'), r: pick(ROOMS), c: pick(COURSES), g: pick(GROUPS) }),
  fc.record({ k: fc.constant('unlink'), r: pick(ROOMS) }),
  fc.record({ k: fc.constant('role'), c: pick(COURSES), u: pick(USERS), role: fc.constantFrom('teacher', 'coach', null) }),
  fc.record({ k: fc.constant('admin'), u: pick(USERS), on: fc.boolean() }),
  fc.record({ k: fc.constant('language'), u: pick(USERS), chosen: fc.constantFrom('fr', null), locale: fc.constantFrom('es-ES', 'nl-NL') }),
  fc.record({ k: fc.constant('start'), c: pick(COURSES), g: pick(GROUPS) }),
  fc.record({ k: fc.constant('end'), c: pick(COURSES), g: pick(GROUPS) }),
  fc.record({ k: fc.constant('classroom'), c: pick(COURSES), value: fc.constantFrom('on', 'off', null) }),
  fc.record({ k: fc.constant('unrelated') }),
  fc.record({ k: fc.constant('rolledBack'), r: pick(ROOMS), c: pick(COURSES) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(s: Store, o: Op, n: number): void {
  switch (o.k) {
    case 'ensure': return void s.courses.ensure(o.c, o.title);
    case 'update': return void (s.courses.get(o.c) && s.courses.update(o.c, { language: o.lang as 'es' | null, maxParticipants: n }));
    case 'deleteCourse': return void s.db.prepare('DELETE FROM courses WHERE code = ?').run(o.c); // cascades to links, roles, meetings
    case 'link': return void (s.courses.get(o.c) && s.rooms.link({ platform: S, roomId: o.r, courseCode: o.c, group: o.g }, 'admin'));
    case 'unlink': return void s.rooms.unlink(S, o.r);
    case 'role':
      if (!s.courses.get(o.c)) return;
      return void (o.role ? s.roles.setCourseRole(o.c, S, o.u, o.role, o.u) : s.roles.removeCourseRole(o.c, S, o.u));
    case 'admin': return void (o.on ? s.roles.addAdmin(S, o.u, 'x') : s.roles.removeAdmin(S, o.u));
    case 'language':
      s.userLanguages.seeLocale(S, o.u, o.locale);
      return s.userLanguages.choose(S, o.u, o.chosen);
    case 'start':
      if (!s.courses.get(o.c)) return;
      return void s.meetings.insert({
        scope: courseScope(o.c, o.g), bbbMeetingId: `m${n}`, internalMeetingId: `i${n}`, createTime: String(n), record: false,
        startedByPlatform: S, startedBy: 'U1', startedInRoom: 'R1', createdAt: n, callbackToken: `t${n}`,
      });
    case 'end': {
      const m = s.meetings.open(courseScope(o.c, o.g));
      return void (m && s.meetings.markEnded(m.id, n, 'ended'));
    }
    case 'classroom': return void (s.courses.get(o.c) && s.classroom.setCourse(o.c, 'lock-cameras', o.value));
    case 'unrelated': return s.state.set('bench', 'k', String(n));
    case 'rolledBack':
      try {
        s.db.transaction(() => {
          s.courses.ensure(o.c, 'Tmp');
          s.rooms.link({ platform: S, roomId: o.r, courseCode: o.c, group: 'tmp' }, 'admin');
          expect(s.rooms.get(S, o.r)?.group).toBe('tmp'); // seen inside, never cached
          throw new Error('roll back');
        })();
      } catch {
        // rolled back
      }
  }
}

describe('cached store reads', () => {
  it('always answer what the database holds, whoever wrote it (this connection or another)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ o: op, who: fc.constantFrom('a', 'b', 'outside') }), { minLength: 1, maxLength: 25 }), async (steps) => {
        const { a, b, truth } = world(); // a fresh database per run: counterexamples replay alone
        for (const { o, who } of steps) {
          apply(who === 'a' ? a : who === 'b' ? b : truth, o, ++n);
          // Another process's commit (here: a connection the stores do not watch) is noticed from the next tick on.
          if (who === 'outside') await Promise.resolve();
          expect(snapshot(a)).toEqual(snapshot(truth));
          expect(snapshot(b)).toEqual(snapshot(truth));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('read the table once while nothing relevant changes; a relevant write is seen by the next read', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const s = open(join(t.dir, 'bot.sqlite'));
    s.courses.ensure('C1', 'Algebra');
    s.rooms.link({ platform: S, roomId: 'R1', courseCode: 'C1', group: '' }, 'admin');
    const compile = s.db.prepare.bind(s.db);
    let reads = 0;
    s.db.prepare = ((sql: string) => {
      if (sql.startsWith('SELECT * FROM room_links WHERE platform')) reads += 1;
      return compile(sql);
    }) as typeof s.db.prepare;
    for (let i = 0; i < 50; i++) {
      expect(s.rooms.get(S, 'R1')?.courseCode).toBe('C1');
      s.state.set('x', 'y', String(i)); // unrelated writes (attendance, state) keep the cache
    }
    expect(reads).toBe(1);
    s.courses.ensure('C2', 'Physics');
    s.rooms.link({ platform: S, roomId: 'R1', courseCode: 'C2', group: 'g1' }, 'admin');
    expect(s.rooms.get(S, 'R1')).toMatchObject({ courseCode: 'C2', group: 'g1' });
    expect(reads).toBe(2);
  });

  it('hand out frozen values: a caller cannot change what the next caller reads', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const s = open(join(t.dir, 'bot.sqlite'));
    const course = s.courses.ensure('C1', 'Algebra');
    expect(() => Object.assign(course, { title: 'Hacked' })).toThrow(TypeError);
    expect(s.courses.get('C1')?.title).toBe('Algebra');
  });
});
