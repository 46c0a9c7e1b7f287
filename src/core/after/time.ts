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

/** `14:36:05`: exact times (from BBB's analytics) keep their seconds. */
export function formatClockSeconds(ms: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(ms));
}

/** `0:40`, `52:12`, `1:02:03`: a span of seconds, the same in every language. */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const p = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${p(m)}:${p(s % 60)}` : `${m}:${p(s % 60)}`;
}
