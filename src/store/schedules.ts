// Timetables (schedule_slots, per scope: a course or group, the global conference), their
// settings (schedule_settings: per course, shared by its groups, or per other scope) and the
// claims of the scheduler's actions (schedule_firings: one row per slot, occurrence and kind, inserted once).
import type { Db } from './db.ts';
import { courseOf, parseScopeKey, scopeKey, type MeetingScope } from '../core/scope.ts';
import type { FiringKind, ScheduleSettings, Slot, SlotSpec } from '../core/schedule/model.ts';
import { DEFAULT_REMINDER_MINUTES } from '../core/schedule/model.ts';

interface SlotRow {
  id: number;
  scope_key: string;
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
  scope: parseScopeKey(r.scope_key),
  days: r.days === '' ? [] : r.days.split(',').map(Number),
  date: r.date,
  time: r.start_time,
  minutes: r.minutes,
  createdAt: r.created_at,
});

/** The key of a scope's schedule settings: a course's are shared by its groups. */
const settingsKey = (scope: MeetingScope): string => (scope.kind === 'course' ? scope.courseCode : scopeKey(scope));

const SETTING_COLUMNS = { timeZone: 'time_zone', reminderMinutes: 'reminder_minutes', autoStart: 'auto_start', autoEnd: 'auto_end' } as const;

export class ScheduleStore {
  constructor(private readonly db: Db) {}

  add(scope: MeetingScope, spec: SlotSpec, now: number): Slot {
    const row = this.db
      .prepare('INSERT INTO schedule_slots (scope_key, course_code, days, date, start_time, minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
      .get(scopeKey(scope), courseOf(scope) ?? null, spec.days.join(','), spec.date, spec.time, spec.minutes, now) as SlotRow;
    return toSlot(row);
  }

  /** The slots of a scope (a course's group has its own), in the order they were added. */
  list(scope: MeetingScope): Slot[] {
    return (this.db.prepare('SELECT * FROM schedule_slots WHERE scope_key = ? ORDER BY id').all(scopeKey(scope)) as SlotRow[]).map(toSlot);
  }

  all(): Slot[] {
    return (this.db.prepare('SELECT * FROM schedule_slots ORDER BY id').all() as SlotRow[]).map(toSlot);
  }

  /** Removes one slot of this scope; false when it has no such slot. */
  remove(scope: MeetingScope, id: number): boolean {
    return this.db.prepare('DELETE FROM schedule_slots WHERE id = ? AND scope_key = ?').run(id, scopeKey(scope)).changes > 0;
  }

  clear(scope: MeetingScope): number {
    return this.db.prepare('DELETE FROM schedule_slots WHERE scope_key = ?').run(scopeKey(scope)).changes;
  }

  settings(scope: MeetingScope): ScheduleSettings {
    const r = this.db.prepare('SELECT * FROM schedule_settings WHERE scope_key = ?').get(settingsKey(scope)) as SettingsRow | undefined;
    return {
      timeZone: r?.time_zone ?? null,
      reminderMinutes: r?.reminder_minutes ?? DEFAULT_REMINDER_MINUTES,
      autoStart: r?.auto_start === 1,
      autoEnd: r?.auto_end === 1,
    };
  }

  setSettings(scope: MeetingScope, change: Partial<ScheduleSettings>): ScheduleSettings {
    const key = settingsKey(scope);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO schedule_settings (scope_key, course_code) VALUES (?, ?) ON CONFLICT (scope_key) DO NOTHING').run(key, courseOf(scope) ?? null);
      for (const [name, value] of Object.entries(change) as [keyof ScheduleSettings, unknown][]) {
        const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
        this.db.prepare(`UPDATE schedule_settings SET ${SETTING_COLUMNS[name]} = ? WHERE scope_key = ?`).run(v ?? null, key);
      }
    })();
    return this.settings(scope);
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
