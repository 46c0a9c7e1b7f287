// Dates and times as users read them, in the deployment's time zone (BOT_TIMEZONE).

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
