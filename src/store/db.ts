// Opening the SQLite database: WAL, foreign keys, busy timeout, then migrations in one transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as allMigrations, type Migration } from './migrations.ts';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {}

export function openDatabase(path: string, migrations: Migration[] = allMigrations): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function migrate(db: Db, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new DatabaseTooNewError(
      `The database is at schema version ${current}, but this version of bbb-chatops knows only ${migrations.length}. ` +
        'It was written by a newer release: upgrade bbb-chatops, or point DB_PATH at another file. Nothing was changed.',
    );
  }
  if (current === migrations.length) return;
  db.transaction(() => {
    for (let i = current; i < migrations.length; i++) db.exec(migrations[i]!.sql);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
