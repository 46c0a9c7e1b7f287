// Dates and times as users read them, in the deployment's time zone (BOT_TIMEZONE).
import type { Language } from '../model.ts';
import { LOCALES } from '../../i18n/index.ts';

function parts(ms: number, timeZone: string): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  return Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** `2024-06-13` */
export function formatDay(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `14:36` */
export function formatClock(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** `2024-06-13 14:36` */
export function formatDateTime(ms: number, timeZone: string): string {
  return `${formatDay(ms, timeZone)} ${formatClock(ms, timeZone)}`;
}

/** Whole minutes between two instants (never negative). */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 60_000));
}

/** `1 December at 14:36`, `1 de diciembre a las 14:36` (with the year when it is not this year's). */
export function formatWhen(ms: number, timeZone: string, language: Language, now = Date.now()): string {
  const year = (t: number): string => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(t);
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(year(ms) === year(now) ? {} : { year: 'numeric' }),
  }).format(ms);
}
