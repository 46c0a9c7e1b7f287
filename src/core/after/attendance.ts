// Attendance of one meeting session: the links the bot gave merged with who was seen inside.
import type { Messages } from '../../i18n/index.ts';
import type { MeetingRecord } from '../model.ts';
import type { MeetingScope } from '../scope.ts';
import type { Store } from '../../store/index.ts';
import { toCsv } from './csv.ts';
import { formatClock, formatDateTime, formatDay, formatWhen } from './time.ts';

export interface AttendanceRow {
  name: string;
  /** Platform user id when known, else BBB's userID. */
  user: string;
  linkGiven: boolean;
  joinedAt: number | null;
  leftAt: number | null;
  role: string;
}

export function attendanceRows(store: Store, meetingId: number): AttendanceRow[] {
  const rows = new Map<string, AttendanceRow>();
  for (const g of store.attendance.grants(meetingId)) {
    rows.set(`${g.platform}:${g.userId}`, { name: g.displayName, user: g.userId, linkGiven: true, joinedAt: null, leftAt: null, role: g.role });
  }
  for (const p of store.attendance.presence(meetingId)) {
    const known = rows.get(p.bbbUserId);
    const user = /^(console|slack|matrix):(.+)$/.exec(p.bbbUserId)?.[2] ?? p.bbbUserId;
    rows.set(p.bbbUserId, {
      name: known?.name ?? p.fullName,
      user: known?.user ?? user,
      linkGiven: known !== undefined,
      joinedAt: p.firstSeen,
      leftAt: p.lastSeen,
      role: p.role,
    });
  }
  return [...rows.values()].sort((a, b) => (a.joinedAt ?? Infinity) - (b.joinedAt ?? Infinity) || a.name.localeCompare(b.name));
}

/** The meeting a report is about: `last` (default) or the latest one on a day (YYYY-MM-DD). */
export function reportMeeting(store: Store, scope: MeetingScope, day: string | undefined, timeZone: string): MeetingRecord | undefined {
  if (day === undefined || day === 'last') return store.meetings.recent(scope, 1)[0];
  return store.meetings.recent(scope, 1000).find((m) => formatDay(m.createdAt, timeZone) === day);
}

export function reportText(t: Messages, label: string, meeting: MeetingRecord, rows: AttendanceRow[], timeZone: string): string {
  const clock = (ms: number | null): string | null => (ms === null ? null : formatClock(ms, timeZone));
  const lines = [t.reportTitle(label, formatWhen(meeting.createdAt, timeZone, t.language), meeting.endedAt === null ? null : formatClock(meeting.endedAt, timeZone))];
  if (rows.length === 0) lines.push(t.reportNobody);
  for (const r of rows) lines.push(t.reportLine(r.name, r.linkGiven, clock(r.joinedAt), clock(r.leftAt), t.reportRoles[r.role] ?? r.role));
  if (rows.length > 0) {
    lines.push(t.reportTotals(rows.filter((r) => r.linkGiven).length, rows.filter((r) => r.joinedAt !== null).length));
    lines.push(t.reportSampled);
  }
  return lines.join('\n');
}

export function reportCsv(t: Messages, rows: AttendanceRow[], timeZone: string): string {
  const time = (ms: number | null): string => (ms === null ? '' : formatDateTime(ms, timeZone));
  return toCsv([
    [...t.reportCsvHeader],
    ...rows.map((r) => [r.name, r.user, r.linkGiven ? t.yes : t.no, time(r.joinedAt), time(r.leftAt), t.reportRoles[r.role] ?? r.role]),
  ]);
}
