// The migration step that keys timetables by meeting scope (issue 16, global conference): a
// database with course timetables of the previous release keeps every slot (same ids, so the
// claimed reminders still hang off them), its group, and the course's schedule settings; removing
// a course still removes its timetable; the global conference then gets its own.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations.ts';
import { GLOBAL, courseScope } from '../../src/core/scope.ts';
import { databaseAtStep, tempDir } from '../store/helpers.ts';

let t: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  t = tempDir();
  path = join(t.dir, 'bot.sqlite');
});
afterEach(() => t.remove());

/** The steps before this one (others may be appended after it). */
const STEPS_BEFORE = migrations.findIndex((m) => m.description.startsWith('timetables and schedule settings keyed by meeting scope'));

function oldDatabase(): void {
  databaseAtStep(path, STEPS_BEFORE, `
    INSERT INTO courses (code, title, created_at) VALUES ('MATH101', 'Algebra', 1), ('PHYS', 'Physics', 1);
    INSERT INTO schedule_slots (id, course_code, group_name, days, date, start_time, minutes, created_at)
      VALUES (3, 'MATH101', '', '1,3', NULL, '09:00', 90, 5),
             (7, 'MATH101', 'g1', '', '2026-12-14', '15:00', 60, 6),
             (8, 'PHYS', '', '5', NULL, '11:30', 45, 7);
    INSERT INTO schedule_settings (course_code, time_zone, reminder_minutes, auto_start, auto_end) VALUES ('MATH101', 'Europe/Madrid', 30, 1, 0);
    INSERT INTO schedule_firings (slot_id, occurrence, kind, outcome, fired_at) VALUES (3, 1000, 'reminder', 'sent', 900), (7, 2000, 'start', 'started', 2000);
  `);
}

describe('migrating timetables to scope keys', () => {
  it('keeps every slot (ids, groups), the settings and the claims; course removal still cascades', () => {
    expect(STEPS_BEFORE).toBeGreaterThan(0);
    oldDatabase();
    const s = Store.open(path);
    expect(s.schedules.list(courseScope('MATH101'))).toEqual([{ id: 3, scope: courseScope('MATH101'), days: [1, 3], date: null, time: '09:00', minutes: 90, createdAt: 5 }]);
    expect(s.schedules.list(courseScope('MATH101', 'g1'))).toEqual([{ id: 7, scope: courseScope('MATH101', 'g1'), days: [], date: '2026-12-14', time: '15:00', minutes: 60, createdAt: 6 }]);
    expect(s.schedules.all().map((x) => x.id)).toEqual([3, 7, 8]);
    // A course's settings apply to its groups too, as before.
    const math = { timeZone: 'Europe/Madrid', reminderMinutes: 30, autoStart: true, autoEnd: false };
    expect(s.schedules.settings(courseScope('MATH101'))).toEqual(math);
    expect(s.schedules.settings(courseScope('MATH101', 'g1'))).toEqual(math);
    expect(s.schedules.settings(courseScope('PHYS'))).toEqual({ timeZone: null, reminderMinutes: 10, autoStart: false, autoEnd: false });
    expect(s.schedules.firing(3, 1000, 'reminder')).toBe('sent');
    expect(s.schedules.firing(7, 2000, 'start')).toBe('started');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);

    // The global conference has its own timetable and settings, next to the courses'.
    const g = s.schedules.add(GLOBAL, { days: [2], date: null, time: '10:00', minutes: 60 }, 50);
    s.schedules.setSettings(GLOBAL, { timeZone: 'UTC', autoStart: true });
    expect(s.schedules.list(GLOBAL).map((x) => x.id)).toEqual([g.id]);
    expect(s.schedules.settings(GLOBAL)).toEqual({ timeZone: 'UTC', reminderMinutes: 10, autoStart: true, autoEnd: false });
    expect(s.schedules.settings(courseScope('MATH101')).timeZone).toBe('Europe/Madrid');

    // Removing a course removes its slots, their claims and its settings; the global timetable stays.
    s.db.prepare("DELETE FROM courses WHERE code = 'MATH101'").run();
    expect(s.schedules.all().map((x) => x.id)).toEqual([8, g.id]);
    expect(s.schedules.firing(3, 1000, 'reminder')).toBeUndefined();
    expect(s.schedules.settings(courseScope('MATH101')).timeZone).toBeNull();
    expect(s.schedules.settings(GLOBAL).timeZone).toBe('UTC');
    s.close();
  });
});
