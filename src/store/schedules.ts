// Course timetables (schedule_slots), their settings (schedule_settings) and the claims of the
// scheduler's actions (schedule_firings: one row per slot, occurrence and kind, inserted once).
import type { Db } from './db.ts';
import type { FiringKind, ScheduleSettings, Slot, SlotSpec } from '../core/schedule/model.ts';
import { DEFAULT_REMINDER_MINUTES } from '../core/schedule/model.ts';

interface SlotRow {
  id: number;
  course_code: string;
  group_name: string;
  days: string;
  date: string | null;
  start_time: string;
  minutes: number;
  created_at: number;
}

interface SettingsRow {
  time_zone: string | null;
  reminder_minutes: number | null;
  auto_start: number;
  auto_end: number;
}

const toSlot = (r: SlotRow): Slot => ({
  id: r.id,
  courseCode: r.course_code,
  group: r.group_name,
  days: r.days === '' ? [] : r.days.split(',').map(Number),
  date: r.date,
  time: r.start_time,
  minutes: r.minutes,
  createdAt: r.created_at,
});

const SETTING_COLUMNS = { timeZone: 'time_zone', reminderMinutes: 'reminder_minutes', autoStart: 'auto_start', autoEnd: 'auto_end' } as const;

export class ScheduleStore {
  constructor(private readonly db: Db) {}

  add(courseCode: string, group: string, spec: SlotSpec, now: number): Slot {
    const row = this.db
      .prepare('INSERT INTO schedule_slots (course_code, group_name, days, date, start_time, minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
      .get(courseCode, group, spec.days.join(','), spec.date, spec.time, spec.minutes, now) as SlotRow;
    return toSlot(row);
  }

  /** The slots of a course+group, in the order they were added. */
  list(courseCode: string, group: string): Slot[] {
    const rows = this.db.prepare('SELECT * FROM schedule_slots WHERE course_code = ? AND group_name = ? ORDER BY id').all(courseCode, group) as SlotRow[];
    return rows.map(toSlot);
  }

  all(): Slot[] {
    return (this.db.prepare('SELECT * FROM schedule_slots ORDER BY id').all() as SlotRow[]).map(toSlot);
  }

  /** Removes one slot of this course+group; false when it has no such slot. */
  remove(courseCode: string, group: string, id: number): boolean {
    return this.db.prepare('DELETE FROM schedule_slots WHERE id = ? AND course_code = ? AND group_name = ?').run(id, courseCode, group).changes > 0;
  }

  clear(courseCode: string, group: string): number {
    return this.db.prepare('DELETE FROM schedule_slots WHERE course_code = ? AND group_name = ?').run(courseCode, group).changes;
  }

  settings(courseCode: string): ScheduleSettings {
    const r = this.db.prepare('SELECT * FROM schedule_settings WHERE course_code = ?').get(courseCode) as SettingsRow | undefined;
    return {
      timeZone: r?.time_zone ?? null,
      reminderMinutes: r?.reminder_minutes ?? DEFAULT_REMINDER_MINUTES,
      autoStart: r?.auto_start === 1,
      autoEnd: r?.auto_end === 1,
    };
  }

  setSettings(courseCode: string, change: Partial<ScheduleSettings>): ScheduleSettings {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO schedule_settings (course_code) VALUES (?) ON CONFLICT (course_code) DO NOTHING').run(courseCode);
      for (const [key, value] of Object.entries(change) as [keyof ScheduleSettings, unknown][]) {
        const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
        this.db.prepare(`UPDATE schedule_settings SET ${SETTING_COLUMNS[key]} = ? WHERE course_code = ?`).run(v ?? null, courseCode);
      }
    })();
    return this.settings(courseCode);
  }

  /**
   * Claims one action of one occurrence: true for the first caller only (this process, an earlier
   * run, or another instance on the same database). `outcome` records what was done ('sent', 'skipped-late'…).
   */
  claim(slotId: number, occurrence: number, kind: FiringKind, outcome: string, now: number): boolean {
    return this.db
      .prepare('INSERT OR IGNORE INTO schedule_firings (slot_id, occurrence, kind, outcome, fired_at) VALUES (?, ?, ?, ?, ?)')
      .run(slotId, occurrence, kind, outcome, now).changes === 1;
  }

  /** Gives a claim back (the action failed before it did anything): a later tick may try again. */
  release(slotId: number, occurrence: number, kind: FiringKind): void {
    this.db.prepare('DELETE FROM schedule_firings WHERE slot_id = ? AND occurrence = ? AND kind = ?').run(slotId, occurrence, kind);
  }

  /** What was recorded for an action (tests, diagnostics). */
  firing(slotId: number, occurrence: number, kind: FiringKind): string | undefined {
    const r = this.db.prepare('SELECT outcome FROM schedule_firings WHERE slot_id = ? AND occurrence = ? AND kind = ?').get(slotId, occurrence, kind) as { outcome: string } | undefined;
    return r?.outcome;
  }
}
