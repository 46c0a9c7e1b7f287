// Shared bits of the store tests: temp folders, raw file bytes, the old (plain-text) schema.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../src/store/migrations.ts';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'store-secrets-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every byte SQLite keeps for the database: the file and its WAL. */
export function rawBytes(dbPath: string): Buffer {
  return Buffer.concat([dbPath, dbPath + '-wal'].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

export function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

/** A database as the release before secrets at rest left it: schema version 2, secrets in plain text. */
export function oldPlainDatabase(path: string, settings: Record<string, string>): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const step of migrations.slice(0, 2)) db.exec(step.sql);
  db.pragma('user_version = 2');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(settings)) put.run(k, v);
  db.prepare("INSERT INTO courses (code, title, created_at) VALUES ('MATH101', 'Algebra', 1)").run();
  db.close();
}

export function settingValue(path: string, key: string): string | undefined {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

/** A database as an older release left it: the first `steps` migrations, then `rows` (SQL inserts). */
export function databaseAtStep(path: string, steps: number, rows: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const step of migrations.slice(0, steps)) {
    db.exec(step.sql);
    step.run?.(db, {});
  }
  db.pragma(`user_version = ${steps}`);
  db.exec(rows);
  db.close();
}
