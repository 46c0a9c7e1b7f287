// A timetable in domain words: slots (weekly or one-off) of a scope (a course or one of its
// groups, the global conference), its schedule settings, and the timed actions the scheduler
// takes for each occurrence of a slot.
import type { MeetingScope } from '../scope.ts';

/** One line of the timetable: weekly on `days` at `time`, or once on `date`. */
export interface SlotSpec {
  /** ISO weekdays, 1 = Monday … 7 = Sunday; empty for a one-off date. */
  days: number[];
  /** YYYY-MM-DD for a one-off class, else null. */
  date: string | null;
  /** HH:MM, wall-clock time in the course's time zone. */
  time: string;
  minutes: number;
}

export interface Slot extends SlotSpec {
  id: number;
  /** Whose classes: a course (group '' for the whole course) or the global conference. */
  scope: MeetingScope;
  createdAt: number;
}

export interface ScheduleSettings {
  /** IANA zone; null = the deployment's (BOT_TIMEZONE). */
  timeZone: string | null;
  /** Minutes before each class; 0 = no reminders. */
  reminderMinutes: number;
  autoStart: boolean;
  autoEnd: boolean;
}

export const DEFAULT_REMINDER_MINUTES = 10;
/** A meeting still running this long after its slot's end is ended (with auto-end on). */
export const AUTO_END_GRACE_MINUTES = 15;
/** A reminder more than this late (the bot was down) is skipped, never sent late. */
export const LATE_LIMIT_MS = 5 * 60_000;

export type FiringKind = 'reminder' | 'start' | 'end';

/** One class: a slot's occurrence, as instants. */
export interface Occurrence {
  slot: Slot;
  startMs: number;
  endMs: number;
}
