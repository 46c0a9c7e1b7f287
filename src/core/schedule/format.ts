// Slots and classes as users read them: weekday names in the reader's language, times in the
// timetable's time zone.
import { Temporal } from 'temporal-polyfill';
import { LOCALES, type Messages } from '../../i18n/index.ts';
import type { Store } from '../../store/index.ts';
import { formatClock } from '../after/time.ts';
import type { Slot } from './model.ts';
import type { MeetingScope } from '../scope.ts';

/** A scope's time zone: its own (`config set timezone`, `config global set timezone`), else the deployment's. */
export function scopeZone(store: Store, scope: MeetingScope, fallback: string): string {
  return store.schedules.settings(scope).timeZone ?? fallback;
}

/** "Monday, Wednesday at 09:00 for 1 h 30 min" or "14 December 2026 at 15:00 for 60 min". */
export function slotText(t: Messages, slot: Slot): string {
  const duration = t.durationText(slot.minutes);
  if (slot.date) {
    const date = Temporal.PlainDate.from(slot.date).toLocaleString(LOCALES[t.language], { day: 'numeric', month: 'long', year: 'numeric', weekday: 'long' });
    return t.schedule.once(date, slot.time, duration);
  }
  const monday = Temporal.PlainDate.from('2024-01-01'); // a Monday
  const names = slot.days.map((d) => monday.add({ days: d - 1 }).toLocaleString(LOCALES[t.language], { weekday: 'long' }));
  return t.schedule.weekly(new Intl.ListFormat(LOCALES[t.language], { type: 'conjunction' }).format(names), slot.time, duration);
}

/** "Wednesday 09:00" within a week, else "Wednesday 14 December 09:00", in the zone. */
export function classWhen(t: Messages, startMs: number, timeZone: string, nowMs: number): string {
  const soon = startMs - nowMs < 6 * 86_400_000;
  const day = new Intl.DateTimeFormat(LOCALES[t.language], { timeZone, weekday: 'long', ...(soon ? {} : { day: 'numeric', month: 'long' }) }).format(startMs);
  return `${day} ${formatClock(startMs, timeZone)}`;
}

export { formatClock };
