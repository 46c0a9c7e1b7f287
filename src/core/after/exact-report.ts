// The report from BBB's analytics (exact to the second): one row per person BBB saw, matched to the
// chat users the bot gave links to by the join link's userID, plus those who got a link but never came.
import type { Messages } from '../../i18n/index.ts';
import type { Store } from '../../store/index.ts';
import type { MeetingRecord } from '../model.ts';
import { toCsv } from './csv.ts';
import { formatClock, formatClockSeconds, formatDateTime, formatSpan, formatWhen } from './time.ts';

export interface ExactRow {
  name: string;
  /** Platform user id when the bot gave the link, else BBB's userID (guests). */
  user: string;
  linkGiven: boolean;
  role: 'MODERATOR' | 'VIEWER';
  sessions: { joined: number; left: number | null }[];
  seconds: number;
  talkSeconds: number;
  chats: number;
  raisedHands: number;
  pollVotes: number;
}

/** The exact rows of a meeting, or undefined when BBB's analytics have not arrived (or never will). */
export function exactRows(store: Store, meetingId: number): ExactRow[] | undefined {
  const report = store.analytics.report(meetingId);
  if (!report) return undefined;
  const grants = new Map(store.attendance.grants(meetingId).map((g) => [`${g.platform}:${g.userId}`, g]));
  const rows: ExactRow[] = report.attendees.map((a) => {
    const grant = grants.get(a.extUserId);
    grants.delete(a.extUserId);
    return {
      name: grant?.displayName ?? a.name,
      user: grant?.userId ?? a.extUserId,
      linkGiven: grant !== undefined,
      role: a.moderator ? 'MODERATOR' : 'VIEWER',
      sessions: a.joins.map((joined, i) => ({ joined, left: a.leaves[i] ?? null })),
      seconds: a.durationSeconds,
      talkSeconds: a.talkSeconds,
      chats: a.chats,
      raisedHands: a.raisedHands,
      pollVotes: a.pollVotes,
    };
  });
  for (const g of grants.values()) {
    rows.push({ name: g.displayName, user: g.userId, linkGiven: true, role: g.role, sessions: [], seconds: 0, talkSeconds: 0, chats: 0, raisedHands: 0, pollVotes: 0 });
  }
  const first = (r: ExactRow): number => r.sessions[0]?.joined ?? Infinity;
  return rows.sort((a, b) => first(a) - first(b) || a.name.localeCompare(b.name));
}

export function exactText(t: Messages, label: string, meeting: MeetingRecord, rows: ExactRow[], timeZone: string): string {
  const clock = (ms: number): string => formatClockSeconds(ms, timeZone);
  const end = meeting.endedAt === null ? null : formatClock(meeting.endedAt, timeZone);
  const lines = [t.reportTitle(label, formatWhen(meeting.createdAt, timeZone, t.language), end)];
  if (rows.length === 0) lines.push(t.reportNobody);
  for (const r of rows) {
    const sessions = r.sessions.map((s) => `${clock(s.joined)}–${s.left === null ? '?' : clock(s.left)}`).join(', ');
    const role = t.reportRoles[r.role] ?? r.role;
    lines.push(t.analytics.line(r.name, role, r.linkGiven, sessions, formatSpan(r.seconds), formatSpan(r.talkSeconds), r.chats, r.raisedHands, r.pollVotes));
  }
  if (rows.length > 0) lines.push(t.analytics.totals(rows.filter((r) => r.linkGiven).length, rows.filter((r) => r.sessions.length > 0).length));
  lines.push(t.analytics.sourceExact);
  return lines.join('\n');
}

export function exactCsv(t: Messages, rows: ExactRow[], timeZone: string): string {
  const time = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : `${formatDateTime(ms, timeZone)}:${formatClockSeconds(ms, timeZone).slice(-2)}`);
  return toCsv([
    [...t.analytics.csvHeader],
    ...rows.map((r) => [
      r.name, r.user, r.linkGiven ? t.yes : t.no, t.reportRoles[r.role] ?? r.role,
      time(r.sessions[0]?.joined), time(r.sessions.at(-1)?.left),
      r.sessions.map((s) => `${time(s.joined)} - ${time(s.left)}`).join('; '),
      String(r.seconds), String(r.talkSeconds), String(r.chats), String(r.raisedHands), String(r.pollVotes),
    ]),
  ]);
}
