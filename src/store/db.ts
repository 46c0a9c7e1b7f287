// Opening the SQLite database: a private folder and file, WAL, foreign keys, busy timeout,
// secure delete; then, after a backup when an existing database is about to change, the
// migrations in one transaction.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';
import { migrations as allMigrations, type Migration, type MigrationContext } from './migrations.ts';
import type { SecretBox } from './secret-box.ts';
import { ensurePrivateDir, ensurePrivateFile, tightenFile } from './private-files.ts';
import { backupBeforeMigration } from './backup.ts';
import { watchStatement, watchWrites } from './cached-reads.ts';

export type Db = Database.Database;
export type StoreLog = Pick<Logger, 'info' | 'warn'>;

export class DatabaseTooNewError extends Error {}

export interface OpenOptions {
  /** Loads the key for secrets at rest once the database is open, before any migration. */
  secrets?: ((db: Db) => SecretBox) | undefined;
  log?: StoreLog | undefined;
}

export function openDatabase(path: string, migrations: Migration[] = allMigrations, options: OpenOptions = {}): Db {
  const onDisk = path !== ':memory:';
  if (onDisk) {
    const dir = ensurePrivateDir(dirname(path));
    if (dir.openToOthers) {
      options.log?.warn(`The data folder ${dirname(path)} is open to other users (mode ${dir.mode.toString(8)}): run chmod 700 on it`);
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new ConfigError(`DB_PATH ${path} is a folder: set DB_PATH to a file in it, e.g. ${join(path, 'bbb-chatops.sqlite')}`);
    }
    ensurePrivateFile(path); // SQLite gives the -wal and -shm files the database file's mode
  }
  const db = reusePreparedStatements(new Database(path));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON'); // a replaced value (a plain-text secret) is overwritten, not left in free space
    if (onDisk) tightenSidecars(path);
    refuseNewer(db, migrations); // before the key check: a newer release's database is the clearer error
    const box = options.secrets?.(db);
    const backup = onDisk ? (from: number, to: number) => backupBeforeMigration(db, path, from, to, options.log) : undefined;
    migrate(db, migrations, { box }, backup);
    if (onDisk) tightenSidecars(path);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Most SQL strings a statement cache keeps (they are literals in the stores; this only bounds a mistake). */
const MAX_CACHED_STATEMENTS = 500;

/**
 * The stores call db.prepare(sql) where they use it; compiling the SQL each time was a measurable
 * part of every command (issue 14). Each distinct SQL text is now compiled once per connection and
 * the Statement reused (safe: better-sqlite3 runs statements synchronously, and no store switches
 * a statement's mode with pluck/raw/expand).
 */
export function reusePreparedStatements(db: Db): Db {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const fresh = watchWrites(db, compile); // the stores' cached reads learn of every write (cached-reads.ts)
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = watchStatement(fresh, sql, compile(sql));
      if (cache.size < MAX_CACHED_STATEMENTS) cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
  return db;
}

function tightenSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm']) tightenFile(path + suffix);
}

function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(db: Db, migrations: Migration[]): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DatabaseTooNewError(
      `The database is at schema version ${current}, but this version of bbb-chatops knows only ${migrations.length}. ` +
        'It was written by a newer release: upgrade bbb-chatops, or point DB_PATH at another file. Nothing was changed.',
    );
  }
  return current;
}

export function migrate(db: Db, migrations: Migration[], ctx: MigrationContext = {}, backup?: (from: number, to: number) => void): void {
  const current = refuseNewer(db, migrations);
  if (current === migrations.length) return;
  if (current > 0) backup?.(current, migrations.length);
  // IMMEDIATE: take the write lock first, then re-read the version (another instance may have migrated meanwhile).
  // A table rebuild must not cascade: foreign keys are off outside the transaction (SQLite
  // ignores the pragma inside one) and every reference is checked before the commit.
  const rebuilds = migrations.slice(current).some((m) => m.rebuildsTables);
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let i = refuseNewer(db, migrations); i < migrations.length; i++) {
        const step = migrations[i]!;
        if (step.sql) db.exec(step.sql);
        step.run?.(db, ctx);
      }
      if (rebuilds && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('migration broke a foreign key; nothing was changed');
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  } finally {
    if (rebuilds) db.pragma('foreign_keys = ON');
  }
  db.pragma('wal_checkpoint(TRUNCATE)'); // old pages (plain-text secrets before step 3) leave the WAL
}
