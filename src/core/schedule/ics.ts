// The calendar file of a course's upcoming classes (`schedule ics`): one event per class, in the
// course's time zone, with a VTIMEZONE built from the zone's real transitions (Temporal), so
// calendars show the right local times on both sides of a daylight-saving change. No join link.
import ical from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { Occurrence } from './model.ts';

export const ICS_WEEKS = 16;

export interface IcsEvent {
  occurrence: Occurrence;
  summary: string;
  description: string;
  location: string;
}

export function calendarFile(name: string, zone: string, events: IcsEvent[], nowMs: number): string {
  const last = Math.max(nowMs, ...events.map((e) => e.occurrence.endMs));
  const cal = ical({ name, prodId: { company: 'bbb-chatops', product: 'schedule', language: 'EN' } });
  cal.timezone({ name: zone, generator: (tz) => vtimezone(tz, nowMs, last) });
  for (const e of events) {
    cal.createEvent({
      id: `${e.occurrence.slot.id}-${e.occurrence.startMs}@bbb-chatops`,
      start: zoned(e.occurrence.startMs, zone),
      end: zoned(e.occurrence.endMs, zone),
      timezone: zone,
      stamp: new Date(nowMs),
      summary: e.summary,
      description: e.description,
      location: e.location,
    });
  }
  // ical-generator writes DTSTAMP in UTC without the Z (it has the calendar's zone in mind); RFC 5545 wants UTC.
  return cal.toString().replace(/^DTSTAMP:(\d{8}T\d{6})\r$/gm, 'DTSTAMP:$1Z\r');
}

const zoned = (ms: number, zone: string): Temporal.ZonedDateTime => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);

/** A VTIMEZONE for `zone` valid from `fromMs` to `toMs`: the offset then, and every transition until then. */
export function vtimezone(zone: string, fromMs: number, toMs: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let at = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(zone).subtract({ days: 1 });
  lines.push(...observance(at.offsetNanoseconds, at.offsetNanoseconds, at));
  for (;;) {
    const next = at.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds > toMs) break;
    lines.push(...observance(at.offsetNanoseconds, next.offsetNanoseconds, next));
    at = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function observance(fromNs: number, toNs: number, at: Temporal.ZonedDateTime): string[] {
  const kind = toNs > fromNs ? 'DAYLIGHT' : 'STANDARD';
  // DTSTART is the wall time just before the change, in the offset being left.
  const local = at.toInstant().toZonedDateTimeISO('UTC').add({ nanoseconds: fromNs }).toPlainDateTime();
  const stamp = local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
  return [`BEGIN:${kind}`, `DTSTART:${stamp}`, `TZOFFSETFROM:${offset(fromNs)}`, `TZOFFSETTO:${offset(toNs)}`, `END:${kind}`];
}

function offset(ns: number): string {
  const minutes = Math.round(ns / 60e9);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
