// Copies of the database. Before a migration changes an existing database, a consistent copy
// (VACUUM INTO, synchronous) is left beside it; `bbb-chatops backup` uses SQLite's online
// backup API instead (adapters/backup.ts). Both are 0600 and appear whole or not at all.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Db, StoreLog } from './db.ts';
import { publishPrivateFile, publishPrivateFileSync } from './private-files.ts';

export function backupBeforeMigration(db: Db, path: string, from: number, to: number, log?: StoreLog): string {
  let target = `${path}.pre-v${to}.bak`;
  if (existsSync(target)) target = `${path}.pre-v${to}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  publishPrivateFileSync(target, (tmp) => void db.prepare('VACUUM INTO ?').run(tmp));
  log?.info(`Backed up the database to ${target} before migrating it from schema version ${from} to ${to}`);
  return target;
}

/**
 * Online backup of the database at `source` (safe while the bot writes to it in WAL mode) into
 * `target`, as one self-contained file (rollback journal mode) that passes integrity_check.
 * Refuses an existing target unless `overwrite` (FileExistsError).
 */
export async function backupDatabase(source: string, target: string, overwrite: boolean): Promise<{ pages: number }> {
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    await publishPrivateFile(
      target,
      async (tmp) => {
        pages = (await db.backup(tmp)).totalPages;
        const copy = new Database(tmp);
        try {
          copy.pragma('journal_mode = DELETE');
          const check = copy.pragma('integrity_check', { simple: true });
          if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
        } finally {
          copy.close();
        }
      },
      overwrite,
    );
  } finally {
    db.close();
  }
  return { pages };
}
