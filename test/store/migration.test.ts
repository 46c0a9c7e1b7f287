// Upgrading a database the previous release wrote: a backup first, then the plain-text secrets
// sealed in place, with nothing of them left in the database file or its WAL.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations.ts';
import { SEALED_SINCE_VERSION } from '../../src/store/secrets.ts';
import { mode, oldPlainDatabase, rawBytes, settingValue, tempDir } from './helpers.ts';

const SECRET = 'OldPlainBbbSecret-abcdefghijklmnop';
const INSTANCE = 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + 'e'.repeat(8);
let t: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  t = tempDir();
  path = join(t.dir, 'bot.sqlite');
});
afterEach(() => t.remove());

function logSink() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => void lines.push(`INFO ${m}`), warn: (m: string) => void lines.push(`WARN ${m}`) } };
}

describe('migrating a plain-text database of the previous release', () => {
  it('seals its secrets, keeps their values and the instance key (meeting IDs stay the same)', () => {
    oldPlainDatabase(path, { 'bbb.url': 'https://bbb.example.org/bigbluebutton/api', 'bbb.secret': SECRET, 'instance.key': INSTANCE });
    expect(rawBytes(path).includes(SECRET)).toBe(true); // the premise: the old release left it readable
    const s = Store.open(path);
    expect(s.settings.server()).toEqual({ url: 'https://bbb.example.org/bigbluebutton/api', secret: SECRET });
    expect(s.settings.instanceKey()).toBe(INSTANCE);
    expect(s.courses.ensure('MATH101', undefined).title).toBe('Algebra');
    expect(rawBytes(path).includes(SECRET)).toBe(false);
    s.close();
    const bytes = rawBytes(path);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(INSTANCE)).toBe(false);
    expect(settingValue(path, 'bbb.secret')).toMatch(/^v1:/);
  });

  it('takes a 0600 backup beside the database before migrating, and says where', () => {
    oldPlainDatabase(path, { 'bbb.url': 'https://bbb.example.org/bigbluebutton/api', 'bbb.secret': SECRET });
    const { lines, log } = logSink();
    Store.open(path, { log }).close();
    const backup = `${path}.pre-v${migrations.length}.bak`;
    expect(readdirSync(t.dir)).toContain(`bot.sqlite.pre-v${migrations.length}.bak`);
    expect(mode(backup)).toBe('600');
    expect(lines.join('\n')).toContain(`INFO Backed up the database to ${backup} before migrating it from schema version 2 to ${migrations.length}`);
    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT title FROM courses WHERE code = 'MATH101'").get()).toEqual({ title: 'Algebra' });
    copy.close();
    // No second backup when nothing is migrated, and none for a new database.
    Store.open(path, { log }).close();
    Store.open(join(t.dir, 'fresh.sqlite'), { log }).close();
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });

  it('keeps the sealing step at the schema version the key check relies on', () => {
    expect(migrations[SEALED_SINCE_VERSION - 1]?.run).toBeDefined();
  });
});
