// Reading a class: days (lists, ranges, full names), one date, HH:MM, durations; every wrong part named.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlot } from '../../src/core/schedule/parse.ts';

const spec = (words: string) => {
  const r = parseSlot(words.split(' '));
  return r.ok ? r.spec : r.problems;
};

describe('parseSlot', () => {
  it('reads day lists, ranges (also across the weekend), full names, dates, times and durations', () => {
    expect(spec('mon,wed 9:00 90m')).toEqual({ days: [1, 3], date: null, time: '09:00', minutes: 90 });
    expect(spec('mon-fri 08:30 1h30m')).toEqual({ days: [1, 2, 3, 4, 5], date: null, time: '08:30', minutes: 90 });
    expect(spec('fri-mon 23:59 1h')).toEqual({ days: [1, 5, 6, 7], date: null, time: '23:59', minutes: 60 });
    expect(spec('Thursday,SAT 00:00 45')).toEqual({ days: [4, 6], date: null, time: '00:00', minutes: 45 });
    expect(spec('2026-12-14 15:00 8h')).toEqual({ days: [], date: '2026-12-14', time: '15:00', minutes: 480 });
  });

  it('names each wrong part', () => {
    expect(spec('funday 25:00 9h')).toEqual([{ part: 'day', word: 'funday' }, { part: 'time', word: '25:00' }, { part: 'duration', word: '9h' }]);
    expect(spec('mo 9:60 4m')).toEqual([{ part: 'day', word: 'mo' }, { part: 'time', word: '9:60' }, { part: 'duration', word: '4m' }]);
    expect(spec('2026-13-01 9 0m')).toEqual([{ part: 'day', word: '2026-13-01' }, { part: 'time', word: '9' }, { part: 'duration', word: '0m' }]);
    expect(spec('mon-wed-fri 09:00 60m')).toEqual([{ part: 'day', word: 'mon-wed-fri' }]);
    expect(spec('mon 09:00')).toEqual([{ part: 'count' }]);
  });

  it('property: any set of weekdays written as a list reads back as that set, sorted', () => {
    const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), (days) => {
        const r = parseSlot([days.map((d) => names[d - 1]).join(','), '10:00', '60m']);
        expect(r.ok && r.spec.days).toEqual([...days].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
