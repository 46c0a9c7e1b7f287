// The exact report and CSV from BBB's analytics, in every language: matched chat users by the
// join link's userID, guests by the name BBB saw, those who got a link but never came.
import { courseScope } from '../../src/core/scope.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactCsv, exactRows, exactText } from '../../src/core/after/exact-report.ts';
import { messages } from '../../src/i18n/index.ts';
import { Store } from '../../src/store/index.ts';
import { englishIn } from '../i18n/english-check.ts';

const dir = mkdtempSync(join(tmpdir(), 'bbb-chatops-exact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

function storeWithClass(): { store: Store; meetingId: number } {
  const store = Store.open(join(dir, `${Math.random()}.sqlite`));
  store.courses.ensure('MATH101', 'Algebra');
  const m = store.meetings.insert({
    scope: courseScope('MATH101'), bbbMeetingId: 'x', internalMeetingId: null, createTime: null, record: false,
    startedByPlatform: 'slack', startedBy: 'U0TEACH01', startedInRoom: 'C1', createdAt: T0, callbackToken: null,
  });
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0TEACH01', displayName: 'Tina T.', role: 'MODERATOR' }, T0);
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0STUD001', displayName: 'Sam S.', role: 'VIEWER' }, T0);
  store.attendance.linkGiven(m.id, { platform: 'slack', userId: 'U0BOB', displayName: 'Bob', role: 'VIEWER' }, T0);
  const a = (ext: string, name: string, moderator: boolean, joins: number[], leaves: number[], talk = 0) =>
    ({ extUserId: ext, name, moderator, joins, leaves, durationSeconds: (leaves[0]! - joins[0]!) / 1000, talkSeconds: talk, chats: 1, raisedHands: 2, pollVotes: 1 });
  store.analytics.save(m.id, {
    startedAt: T0, finishedAt: T0 + 3_125_000,
    attendees: [
      a('slack:U0TEACH01', 'Tina Teacher', true, [T0 + 4000], [T0 + 3_125_000], 1710),
      a('slack:U0STUD001', 'Sam Student', false, [T0 + 131_000], [T0 + 151_000]),
      a('w_guest01', 'Guest Gina', false, [T0 + 300_000], [T0 + 340_000]),
    ],
  }, T0 + 3_200_000);
  store.meetings.markEnded(m.id, T0 + 3_125_000, 'callback');
  return { store, meetingId: m.id };
}

describe('exact report', () => {
  it('matches chat users by userID, keeps guests by name, lists who got a link but never came', () => {
    const { store, meetingId } = storeWithClass();
    const rows = exactRows(store, meetingId)!;
    expect(rows.map((r) => [r.name, r.user, r.linkGiven, r.sessions.length])).toEqual([
      ['Tina T.', 'U0TEACH01', true, 1], ['Sam S.', 'U0STUD001', true, 1], ['Guest Gina', 'w_guest01', false, 1], ['Bob', 'U0BOB', true, 0],
    ]);
    const text = exactText(messages('en'), 'Algebra (MATH101)', store.meetings.byId(meetingId)!, rows, 'UTC');
    expect(text).toContain('- Sam S., viewer: 10:02:11–10:02:31; inside 0:20, spoke 0:00, 1 chat message, 2 raised hands, 1 poll vote');
    expect(text).toContain('- Guest Gina, viewer: 10:05:00–10:05:40; inside 0:40');
    expect(text).toContain('(no link from the bot)');
    expect(text).toContain('- Bob, viewer: got a link but never came');
    expect(text).toContain('3 got a link, 3 people took part.');
    const csv = exactCsv(messages('en'), rows, 'UTC').split('\r\n');
    expect(csv).toContain('Sam S.,U0STUD001,yes,viewer,2025-01-01 10:02:11,2025-01-01 10:02:31,2025-01-01 10:02:11 - 2025-01-01 10:02:31,20,0,1,2,1');
    expect(store.analytics.attendeeCount(meetingId)).toBe(3);
    store.close();
  });

  it.each(['es', 'nl', 'fr'] as const)('renders fully in %s, without English', (lang) => {
    const { store, meetingId } = storeWithClass();
    const t = messages(lang);
    const rows = exactRows(store, meetingId)!;
    const out = [exactText(t, 'Algebra (MATH101)', store.meetings.byId(meetingId)!, rows, 'UTC'), exactCsv(t, rows, 'UTC'), t.analytics.exactCount('X', 3, 1), t.analytics.csvReady('X', '2025-01-01')].join('\n');
    expect(out).not.toMatch(/[{}]/);
    expect(englishIn(out)).toEqual([]);
    store.close();
  });
});
