// A stored class for the chart tests: tina (moderator) and sam got links and came, a guest came
// without one, bob got a link but never came; 10:00 to 10:52 UTC on 1 January 2025.
import { courseScope } from '../../../src/core/scope.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExactAttendee } from '../../../src/store/analytics.ts';
import { Store } from '../../../src/store/index.ts';

export const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
export const T_END = T0 + 3_125_000;

const dirs: string[] = [];
export function cleanUp(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function emptyClass(): { store: Store; meetingId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bbb-chatops-chart-'));
  dirs.push(dir);
  const store = Store.open(join(dir, 'db.sqlite'));
  store.courses.ensure('MATH101', 'Algebra');
  const m = store.meetings.insert({
    scope: courseScope('MATH101'), bbbMeetingId: 'x', internalMeetingId: null, createTime: null, record: false,
    startedByPlatform: 'slack', startedBy: 'U0TEACH01', startedInRoom: 'C1', createdAt: T0, callbackToken: null,
  });
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0TEACH01', displayName: 'Tina T.', role: 'MODERATOR' }, T0);
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0STUD001', displayName: 'Sam S.', role: 'VIEWER' }, T0);
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0BOB', displayName: 'Bob Never', role: 'VIEWER' }, T0);
  return { store, meetingId: m.id };
}

const attendee = (extUserId: string, name: string, moderator: boolean, joins: number[], leaves: number[]): ExactAttendee =>
  ({ extUserId, name, moderator, joins, leaves, durationSeconds: 60, talkSeconds: 0, chats: 0, raisedHands: 0, pollVotes: 0 });

/** The class with BBB's analytics: sam came twice. */
export function exactClass(): { store: Store; meetingId: number } {
  const c = emptyClass();
  c.store.analytics.save(c.meetingId, {
    startedAt: T0, finishedAt: T_END,
    attendees: [
      attendee('slack:U0TEACH01', 'Tina Teacher', true, [T0 + 4000], [T_END]),
      attendee('slack:U0STUD001', 'Sam Student', false, [T0 + 131_000, T0 + 1_200_000], [T0 + 600_000, T0 + 2_400_000]),
      attendee('w_guest01', 'Guest Gina', false, [T0 + 300_000], [T0 + 340_000]),
    ],
  }, T_END + 60_000);
  c.store.meetings.markEnded(c.meetingId, T_END, 'callback');
  return c;
}
