// When a slot's classes happen, as instants: its wall-clock time on its days, in the course's
// time zone (Temporal: daylight-saving changes move the instant, never the local time).
import { Temporal } from 'temporal-polyfill';
import type { Occurrence, Slot } from './model.ts';

const DAY_MS = 86_400_000;

/** The classes of `slot` that start in [fromMs, toMs). */
export function occurrences(slot: Slot, timeZone: string, fromMs: number, toMs: number): Occurrence[] {
  const [hour, minute] = slot.time.split(':').map(Number) as [number, number];
  const plainTime = new Temporal.PlainTime(hour, minute);
  const dates = slot.date ? [Temporal.PlainDate.from(slot.date)] : weekdaysAround(slot.days, fromMs, toMs);
  const out: Occurrence[] = [];
  for (const date of dates) {
    // 'compatible': a time inside a spring-forward gap is moved later by the gap, like a wall clock.
    const startMs = date.toZonedDateTime({ timeZone, plainTime }).epochMilliseconds;
    // The duration is elapsed time: a class across a clock change still lasts its minutes.
    if (startMs >= fromMs && startMs < toMs) out.push({ slot, startMs, endMs: startMs + slot.minutes * 60_000 });
  }
  return out;
}

/**
 * The dates with one of these ISO weekdays from the UTC day before `fromMs` to the UTC day after
 * `toMs`: every zone's local dates in the range are among them (zones are within ±14 h of UTC).
 * Plain UTC arithmetic: it runs every minute for every slot, and zone conversions are the costly part.
 */
function weekdaysAround(days: number[], fromMs: number, toMs: number): Temporal.PlainDate[] {
  const out: Temporal.PlainDate[] = [];
  const first = Math.floor(fromMs / DAY_MS) - 1;
  const last = Math.floor(toMs / DAY_MS) + 1;
  for (let day = first; day <= last; day++) {
    const d = new Date(day * DAY_MS);
    if (days.includes(d.getUTCDay() || 7)) out.push(new Temporal.PlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
  }
  return out;
}

/** The next class among `slots` that has not ended at `nowMs` (within `horizonDays`). */
export function nextOccurrence(slots: Slot[], timeZone: string, nowMs: number, horizonDays = 400): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const slot of slots) {
    // Weekly slots recur within 8 days; a one-off date may be far ahead.
    const to = nowMs + (slot.date ? horizonDays : 8) * DAY_MS;
    const found = occurrences(slot, timeZone, nowMs - slot.minutes * 60_000, to).find((o) => o.endMs > nowMs);
    if (found && (!best || found.startMs < best.startMs)) best = found;
  }
  return best;
}

/** The local wall time of an instant in a zone: weekday (1–7) and HH:MM (tests, display). */
export function wallTime(ms: number, timeZone: string): { dayOfWeek: number; date: string; time: string } {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return { dayOfWeek: z.dayOfWeek, date: z.toPlainDate().toString(), time: `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}` };
}

export function isTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}
