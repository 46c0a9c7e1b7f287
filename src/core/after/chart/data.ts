// What the attendance chart shows: one row per person seen in the meeting with each stretch of
// time they were inside, who got a link but never came, and the span of the class. From BBB's
// analytics (exact joins and leaves) when they arrived, else from the bot's polling (one stretch
// from first to last seen). Bounded: at most MAX_PEOPLE rows and MAX_NEVER_CAME names.
import type { MeetingRecord } from '../../model.ts';
import type { AttendanceRow } from '../attendance.ts';
import type { ExactRow } from '../exact-report.ts';

export const MAX_PEOPLE = 300;
export const MAX_NEVER_CAME = 300;

export interface ChartPerson {
  name: string;
  moderator: boolean;
  /** Epoch ms, inside [start, end]. */
  stretches: { from: number; to: number }[];
}

export interface ChartData {
  source: 'exact' | 'sampled';
  start: number;
  end: number;
  people: ChartPerson[];
  /** How many people were seen (people holds the first MAX_PEOPLE). */
  seen: number;
  neverCame: string[];
  neverCameTotal: number;
}

type Source = { exact: ExactRow[] } | { sampled: AttendanceRow[] };

/** `now` ends the stretches of a meeting still running (and of sessions BBB left open). */
export function chartData(meeting: MeetingRecord, rows: Source, now: number): ChartData {
  const all = 'exact' in rows ? fromExact(rows.exact) : fromSampled(rows.sampled);
  const seen = all.filter((p) => p.stretches.length > 0);
  const neverCame = all.filter((p) => p.stretches.length === 0).map((p) => p.name);
  let start = meeting.createdAt;
  let last = meeting.endedAt ?? now;
  for (const s of seen.flatMap((p) => p.stretches)) {
    start = Math.min(start, s.from);
    last = Math.max(last, s.from, s.to ?? s.from);
  }
  const end = Math.max(last, start + 60_000);
  const people = seen.slice(0, MAX_PEOPLE).map((p) => ({
    name: p.name,
    moderator: p.moderator,
    stretches: p.stretches.map((s) => ({ from: s.from, to: Math.min(end, Math.max(s.from, s.to ?? end)) })),
  }));
  const source = 'exact' in rows ? 'exact' : 'sampled';
  return { source, start, end, people, seen: seen.length, neverCame: neverCame.slice(0, MAX_NEVER_CAME), neverCameTotal: neverCame.length };
}

interface Person {
  name: string;
  moderator: boolean;
  stretches: { from: number; to: number | null }[];
}

function fromExact(rows: ExactRow[]): Person[] {
  return rows.map((r) => ({ name: r.name, moderator: r.role === 'MODERATOR', stretches: r.sessions.map((s) => ({ from: s.joined, to: s.left })) }));
}

function fromSampled(rows: AttendanceRow[]): Person[] {
  return rows.map((r) => ({
    name: r.name,
    moderator: r.role === 'MODERATOR',
    stretches: r.joinedAt === null ? [] : [{ from: r.joinedAt, to: r.leftAt }],
  }));
}
