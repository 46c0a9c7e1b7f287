// The chart's data, as a rule over any attendance: every stretch lies inside the class's span, no
// more than MAX_PEOPLE rows, and each person is either a row (came) or on the never-came list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartData, MAX_PEOPLE } from '../../../src/core/after/chart/data.ts';
import type { ExactRow } from '../../../src/core/after/exact-report.ts';
import type { MeetingRecord } from '../../../src/core/model.ts';
import { T0 } from './fixture.ts';

const meeting = (endedAt: number | null): MeetingRecord => ({ id: 1, createdAt: T0, endedAt } as MeetingRecord);

const session = fc.record({ joined: fc.integer({ min: T0 - 600_000, max: T0 + 7_200_000 }), length: fc.option(fc.integer({ min: 0, max: 3_600_000 })) });
const row = fc.record({ name: fc.string({ maxLength: 12 }), moderator: fc.boolean(), sessions: fc.array(session, { maxLength: 4 }) });

function exact(rows: { name: string; moderator: boolean; sessions: { joined: number; length: number | null }[] }[]): ExactRow[] {
  return rows.map((r) => ({
    name: r.name, user: r.name, linkGiven: true, role: r.moderator ? 'MODERATOR' : 'VIEWER',
    sessions: r.sessions.map((s) => ({ joined: s.joined, left: s.length === null ? null : s.joined + s.length })),
    seconds: 0, talkSeconds: 0, chats: 0, raisedHands: 0, pollVotes: 0,
  }));
}

describe('chart data', () => {
  it('keeps every stretch inside [start, end], at most MAX_PEOPLE rows, and splits came / never came', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.option(fc.integer({ min: T0, max: T0 + 9_000_000 })), fc.integer({ min: 0, max: 400 }), (rows, endedAt, extra) => {
        const many = [...rows, ...Array.from({ length: extra }, (_, i) => ({ name: `p${i}`, moderator: false, sessions: [{ joined: T0, length: 1000 }] }))];
        const now = T0 + 10_000_000;
        const d = chartData(meeting(endedAt), { exact: exact(many) }, now);
        const came = many.filter((r) => r.sessions.length > 0);
        expect(d.seen).toBe(came.length);
        expect(d.people).toHaveLength(Math.min(came.length, MAX_PEOPLE));
        expect(d.neverCameTotal).toBe(many.length - came.length);
        expect(d.people.map((p) => p.name)).toEqual(came.slice(0, MAX_PEOPLE).map((r) => r.name));
        expect(d.start).toBeLessThanOrEqual(T0);
        expect(d.end).toBeGreaterThanOrEqual(endedAt ?? now);
        for (const p of d.people) {
          for (const s of p.stretches) {
            expect(s.from).toBeGreaterThanOrEqual(d.start);
            expect(s.to).toBeGreaterThanOrEqual(s.from);
            expect(s.to).toBeLessThanOrEqual(d.end);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
