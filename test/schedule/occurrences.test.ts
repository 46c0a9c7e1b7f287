// When classes happen: weekly slots keep their local wall time across daylight-saving changes
// (Europe/Madrid, America/New_York), and for any zone and slot the computed class starts at the
// slot's HH:MM on one of its weekdays (checked with Intl, independently of Temporal).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { occurrences, nextOccurrence } from '../../src/core/schedule/occurrences.ts';
import { dueActions } from '../../src/core/schedule/due.ts';
import type { Slot } from '../../src/core/schedule/model.ts';
import { courseScope } from '../../src/core/scope.ts';

const slot = (over: Partial<Slot>): Slot => ({ id: 1, scope: courseScope('MATH101'), days: [], date: null, time: '09:00', minutes: 60, createdAt: 0, ...over });
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const starts = (s: Slot, zone: string, from: string, to: string): string[] => occurrences(s, zone, Date.parse(from), Date.parse(to)).map((o) => iso(o.startMs));

describe('weekly slots across daylight-saving changes', () => {
  it('Europe/Madrid: 09:00 stays 09:00 when the clocks go back (2026-10-25) and forward (2027-03-28)', () => {
    const sunMon = slot({ days: [7, 1] });
    expect(starts(sunMon, 'Europe/Madrid', '2026-10-24T00:00Z', '2026-10-27T00:00Z')).toEqual(['2026-10-25T08:00', '2026-10-26T08:00']);
    expect(starts(sunMon, 'Europe/Madrid', '2026-10-17T00:00Z', '2026-10-20T00:00Z')).toEqual(['2026-10-18T07:00', '2026-10-19T07:00']);
    expect(starts(sunMon, 'Europe/Madrid', '2027-03-27T00:00Z', '2027-03-30T00:00Z')).toEqual(['2027-03-28T07:00', '2027-03-29T07:00']);
    expect(starts(sunMon, 'Europe/Madrid', '2027-03-20T00:00Z', '2027-03-23T00:00Z')).toEqual(['2027-03-21T08:00', '2027-03-22T08:00']);
  });

  it('America/New_York: 09:00 stays 09:00 across 2026-11-01 and 2027-03-14', () => {
    const sunMon = slot({ days: [7, 1] });
    expect(starts(sunMon, 'America/New_York', '2026-10-24T00:00Z', '2026-10-27T00:00Z')).toEqual(['2026-10-25T13:00', '2026-10-26T13:00']);
    expect(starts(sunMon, 'America/New_York', '2026-10-31T00:00Z', '2026-11-03T00:00Z')).toEqual(['2026-11-01T14:00', '2026-11-02T14:00']);
    expect(starts(sunMon, 'America/New_York', '2027-03-06T00:00Z', '2027-03-09T00:00Z')).toEqual(['2027-03-07T14:00', '2027-03-08T14:00']);
    expect(starts(sunMon, 'America/New_York', '2027-03-13T00:00Z', '2027-03-16T00:00Z')).toEqual(['2027-03-14T13:00', '2027-03-15T13:00']);
  });

  it('a class at a time the spring change skips starts when the clock shows the next hour; one in the repeated hour, the first time', () => {
    expect(starts(slot({ days: [7], time: '02:30' }), 'Europe/Madrid', '2027-03-27T00:00Z', '2027-03-29T00:00Z')).toEqual(['2027-03-28T01:30']); // 03:30 CEST
    expect(starts(slot({ days: [7], time: '01:30' }), 'America/New_York', '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toEqual(['2026-11-01T05:30']); // 01:30 EDT
  });

  it('one-off dates, and the next class of several slots', () => {
    expect(starts(slot({ date: '2026-12-14', time: '15:00' }), 'Europe/Madrid', '2026-12-01T00:00Z', '2027-01-01T00:00Z')).toEqual(['2026-12-14T14:00']);
    const next = nextOccurrence([slot({ id: 1, days: [3] }), slot({ id: 2, date: '2026-12-02', time: '08:00' })], 'UTC', Date.parse('2026-12-01T12:00Z'));
    expect(next && [next.slot.id, iso(next.startMs)]).toEqual([2, '2026-12-02T08:00']);
    // A class under way is still "next" until it ends.
    const during = nextOccurrence([slot({ days: [2] })], 'UTC', Date.parse('2026-12-01T09:30Z'));
    expect(during && iso(during.startMs)).toBe('2026-12-01T09:00');
  });
});

describe('what is due', () => {
  const settings = { timeZone: null, reminderMinutes: 10, autoStart: true, autoEnd: true };
  const kinds = (s: Slot, at: string): string[] => dueActions(s, settings, 'Europe/Madrid', Date.parse(at)).map((a) => `${a.kind} ${iso(a.dueMs)}`);

  it('the reminder N minutes before, the start at the time, the end 15 minutes after the end; nothing due before the slot existed', () => {
    const s = slot({ days: [1], minutes: 90 });
    expect(kinds(s, '2026-10-26T07:49:59Z')).toEqual([]); // last week's end is older than the look-back
    expect(kinds(s, '2026-10-26T07:50Z')).toContain('reminder 2026-10-26T07:50');
    expect(kinds(s, '2026-10-26T08:00Z')).toContain('start 2026-10-26T08:00');
    expect(kinds(s, '2026-10-26T09:45Z')).toContain('end 2026-10-26T09:45');
    expect(kinds({ ...s, createdAt: Date.parse('2026-10-26T07:55Z') }, '2026-10-26T08:00Z')).toEqual(['start 2026-10-26T08:00']);
  });
});

// Zones from every continent, with and without daylight-saving time, odd offsets included.
const ZONES = ['Europe/Madrid', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Africa/Casablanca', 'America/St_Johns', 'UTC', 'Pacific/Apia', 'Europe/London'];

function local(ms: number, zone: string): { weekday: number; time: string; offset: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts['weekday']!) + 1, time: `${parts['hour']}:${parts['minute']}`, offset: parts['timeZoneName']! };
}

describe('property: a class starts at the slot’s wall time on one of its weekdays', () => {
  it('for random zones, weekdays, times and weeks (unless the clocks jump over that time)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: Date.parse('2020-01-01T00:00Z'), max: Date.parse('2035-12-31T00:00Z') }),
        (zone, days, hour, minute, from) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const found = occurrences(slot({ days, time }), zone, from, from + 7 * 86_400_000);
          // Each weekday once a week; when the offset changed in the window, a class at its edge may fall in or out.
          const sameOffset = local(from, zone).offset === local(from + 7 * 86_400_000, zone).offset;
          if (sameOffset) expect(found).toHaveLength(days.length);
          else expect(Math.abs(found.length - days.length)).toBeLessThanOrEqual(1);
          for (const o of found) {
            const at = local(o.startMs, zone);
            if (at.time === time) expect(days).toContain(at.weekday);
            // Only in a spring-forward gap may the wall time differ: the offset changes right there.
            else expect(local(o.startMs - 3 * 3_600_000, zone).offset).not.toBe(local(o.startMs + 3 * 3_600_000, zone).offset);
            expect(o.endMs - o.startMs).toBe(60 * 60_000);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('found once: a window whose offset changed (Casablanca, Ramadan 2030) may hold no Wednesday 22:00', () => {
    const from = 1923858000001; // 2030-12-18T21:00:00.001Z, just after that Wednesday's class; the next is at 22:00Z (offset +0)
    expect(occurrences(slot({ days: [3], time: '22:00' }), 'Africa/Casablanca', from, from + 7 * 86_400_000)).toEqual([]);
  });
});
