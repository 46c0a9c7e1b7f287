// `bbb-chatops backup FILE [--force]`: an online copy of the database at DB_PATH (safe while the
// bot runs), written 0600 to FILE. An existing FILE is refused unless --force. The stored secrets
// stay sealed in the copy: keep the key (BOT_SECRET_KEY or secret.key) to restore them.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_DB_PATH } from '../src/config.ts';
import { backupDatabase } from '../src/store/backup.ts';
import { FileExistsError } from '../src/store/private-files.ts';

export const BACKUP_USAGE = 'bbb-chatops backup FILE [--force]   copy the database (DB_PATH) to FILE, also while the bot runs';

export async function runBackup(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\nusage: ${BACKUP_USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new ConfigError(`usage: ${BACKUP_USAGE}`);
  const source = env.DB_PATH?.trim() || DEFAULT_DB_PATH;
  if (!existsSync(source)) throw new ConfigError(`There is no database at ${source}: set DB_PATH to the bot's database file.`);
  if (resolve(file) === resolve(source)) throw new ConfigError('The backup FILE must not be the database itself.');
  if (!existsSync(dirname(resolve(file)))) throw new ConfigError(`The folder of ${file} does not exist: create it first.`);
  try {
    const { pages } = await backupDatabase(source, file, parsed.values.force === true);
    out(`Backed up ${source} to ${file} (${pages} pages). Its secrets stay encrypted: keep BOT_SECRET_KEY or the key file beside the database as well.`);
  } catch (err) {
    if (err instanceof FileExistsError) throw new ConfigError(`${file} already exists: choose another name, or add --force to replace it.`);
    throw err;
  }
}
