// The SQLite store: pragmas, migrations, refusal of a newer database, data kept across reopen.
import { courseScope } from '../../src/core/scope.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { Store } from '../../src/store/index.ts';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('uses WAL, foreign keys and a busy timeout, and records the schema version', () => {
    const db = openDatabase(join(dir, 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const path = join(dir, 'new.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${migrations.length + 3}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer release: upgrade bbb-chatops/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length + 3);
    again.close();
  });

  it('applies migrations in one transaction: a failing step leaves the database as it was', () => {
    const path = join(dir, 'fail.sqlite');
    const broken = [...migrations, { description: 'broken', sql: 'CREATE TABLE ok_table (x INTEGER); THIS IS NOT SQL;' }];
    openDatabase(path).close();
    expect(() => openDatabase(path, broken)).toThrow();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    db.close();
  });
});

describe('Store', () => {
  it('keeps courses, links, roles and settings across a reopen', () => {
    const path = join(dir, 'keep.sqlite');
    const s1 = Store.open(path);
    s1.courses.ensure('MATH101', 'Algebra');
    s1.rooms.link({ platform: 'slack', roomId: 'C1', courseCode: 'MATH101', group: '' }, 'UADMIN');
    s1.roles.setCourseRole('MATH101', 'slack', 'UT', 'coach', 'Tina');
    s1.settings.setServer({ url: 'https://bbb.example.org/bigbluebutton/api', secret: 'abcd1234' });
    const key = s1.settings.instanceKey();
    s1.close();
    const s2 = Store.open(path);
    expect(s2.rooms.get('slack', 'C1')).toEqual({ platform: 'slack', roomId: 'C1', courseCode: 'MATH101', group: '' });
    expect(s2.roles.courseRole('MATH101', 'slack', 'UT')).toBe('coach');
    expect(s2.settings.server()?.url).toBe('https://bbb.example.org/bigbluebutton/api');
    expect(s2.settings.instanceKey()).toBe(key);
    expect(s2.courses.ensure('MATH101', undefined).title).toBe('Algebra'); // no title keeps the old one
    s2.close();
  });

  it('rejects a link to a course that does not exist (foreign key)', () => {
    const s = Store.open(join(dir, 'fk.sqlite'));
    expect(() => s.rooms.link({ platform: 'slack', roomId: 'C1', courseCode: 'NOPE', group: '' }, 'U')).toThrow(/FOREIGN KEY/);
    s.close();
  });

  it('marks a meeting ended once only (callbacks can arrive twice)', () => {
    const s = Store.open(join(dir, 'm.sqlite'));
    s.courses.ensure('C', 'C');
    const m = s.meetings.insert({
      scope: courseScope('C'), bbbMeetingId: 'x', internalMeetingId: null, createTime: '1', record: false,
      startedByPlatform: 'console', startedBy: 'tina', startedInRoom: 'general', createdAt: 1, callbackToken: 'tok',
    });
    expect(s.meetings.open(courseScope('C', ''))?.id).toBe(m.id);
    expect(s.meetings.markEnded(m.id, 2, 'end')).toBe(true);
    expect(s.meetings.markEnded(m.id, 3, 'callback')).toBe(false);
    expect(s.meetings.byId(m.id)).toMatchObject({ endedAt: 2, endReason: 'end' });
    expect(s.meetings.open(courseScope('C', ''))).toBeUndefined();
    s.close();
  });
});
