// Step 9 (issue 12): a database of the previous release keeps every meeting, wait-list entry and
// what hangs off a meeting (links given, attendance, recording watch); its rows become course
// scopes with the same meeting IDs; the table rebuild cascades nothing and foreign keys still hold.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { bbbMeetingId, meetingPasswords } from '../../src/core/meeting-ids.ts';
import { GLOBAL, courseScope } from '../../src/core/scope.ts';
import { databaseAtStep, tempDir } from '../store/helpers.ts';

let t: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  t = tempDir();
  path = join(t.dir, 'bot.sqlite');
});
afterEach(() => t.remove());

const STEPS_BEFORE = 8;

/** A database exactly as the release before scopes left it, with a class of each kind of state. */
function oldDatabase(): void {
  databaseAtStep(path, STEPS_BEFORE, `
    INSERT INTO courses (code, title, created_at) VALUES ('MATH101', 'Algebra', 1);
    INSERT INTO meetings (id, course_code, group_name, bbb_meeting_id, record, started_by_platform, started_by, started_in_room, created_at, ended_at, end_reason, callback_token)
      VALUES (1, 'MATH101', '', 'bbbchatops-old1', 1, 'slack', 'UT', 'C1', 10, 20, 'callback', 'tok-one-aaaaaaaaaaaa'),
             (2, 'MATH101', 'g1', 'bbbchatops-old2', 0, 'console', 'tina', 'general', 30, NULL, NULL, 'tok-two-aaaaaaaaaaaa');
    INSERT INTO link_grants (meeting_id, platform, user_id, display_name, role, first_given_at, last_given_at) VALUES (1, 'slack', 'US', 'Sam', 'VIEWER', 11, 11);
    INSERT INTO attendance (meeting_id, bbb_user_id, full_name, role, first_seen, last_seen) VALUES (1, 'slack:US', 'Sam', 'VIEWER', 12, 19);
    INSERT INTO recording_watch (meeting_id, deadline, next_check_at) VALUES (1, 99, 50);
    INSERT INTO wait_list (course_code, group_name, platform, user_id, display_name, room_id, added_at) VALUES ('MATH101', 'g1', 'console', 'sam', 'Sam', 'general', 25);
  `);
}

describe('migrating to meeting scopes', () => {
  it('keeps meetings, wait lists and what hangs off a meeting, as course scopes', () => {
    oldDatabase();
    const s = Store.open(path);
    expect(s.meetings.byId(1)).toMatchObject({ scope: courseScope('MATH101'), bbbMeetingId: 'bbbchatops-old1', endReason: 'callback', record: true });
    expect(s.meetings.open(courseScope('MATH101', 'g1'))).toMatchObject({ id: 2, bbbMeetingId: 'bbbchatops-old2', startedBy: 'tina' });
    expect(s.meetings.byCallbackToken('tok-two-aaaaaaaaaaaa')?.id).toBe(2);
    expect(s.attendance.grants(1).map((g) => g.userId)).toEqual(['US']);
    expect(s.attendance.presence(1).map((p) => p.bbbUserId)).toEqual(['slack:US']);
    expect(s.recordingLog.due(100).map((w) => w.meetingId)).toEqual([1]);
    expect(s.waitList.list(courseScope('MATH101', 'g1')).map((w) => w.userId)).toEqual(['sam']);
    // The rebuilt table is the one the others reference, and foreign keys are on again.
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);
    const schema = (s.db.prepare("SELECT group_concat(sql, ' ') AS s FROM sqlite_master").get() as { s: string }).s;
    expect(schema).not.toMatch(/meetings_scoped|wait_list_scoped/);
    // A meeting of another kind has no course; deleting the course still cascades to its own.
    const g = s.meetings.insert({
      scope: GLOBAL, bbbMeetingId: 'bbbchatops-g', internalMeetingId: null, createTime: '1', record: false,
      startedByPlatform: 'console', startedBy: 'admin', startedInRoom: 'x', createdAt: 40, callbackToken: 'tok-global-aaaaaaaa',
    });
    expect(s.meetings.open(GLOBAL)?.id).toBe(g.id);
    s.db.prepare("DELETE FROM courses WHERE code = 'MATH101'").run();
    expect(s.meetings.byId(1)).toBeUndefined();
    expect(s.attendance.grants(1)).toEqual([]);
    expect(s.waitList.list(courseScope('MATH101', 'g1'))).toEqual([]);
    expect(s.meetings.byId(g.id)).toBeDefined();
    s.close();
  });

  it("a course's meeting ID and passwords are derived exactly as before the upgrade", () => {
    const old = (purpose: string, code: string, group: string, n: number): string =>
      createHmac('sha256', 'k').update(`${purpose}\n${code}\n${group}`).digest('hex').slice(0, n);
    for (const [code, group] of [['MATH101', ''], ['MATH101', 'g1'], ['global', '']] as const) {
      expect(bbbMeetingId('k', courseScope(code, group))).toBe(`bbbchatops-${old('meeting', code, group, 40)}`);
      expect(meetingPasswords('k', courseScope(code, group))).toEqual({ attendee: old('attendee-password', code, group, 24), moderator: old('moderator-password', code, group, 24) });
    }
  });
});
