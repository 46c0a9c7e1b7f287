// Files only the bot's user may read: the data folder 0700, the database, its WAL/SHM, the key
// file, backups and CSV reports 0600. Modes are set explicitly (chmod), whatever the umask.
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/**
 * Creates the folder 0700 when it is missing. An existing folder is the operator's and keeps its
 * mode; the answer tells whether others can enter it, for a warning.
 */
export function ensurePrivateDir(dir: string): { openToOthers: boolean; mode: number } {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    chmodSync(dir, PRIVATE_DIR);
  }
  const mode = statSync(dir).mode & 0o777;
  return { openToOthers: (mode & 0o077) !== 0, mode };
}

/** chmod 0600 if the file exists (the database's -wal and -shm come and go). */
export function tightenFile(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Creates the file empty and 0600 when missing, and makes an existing regular file 0600 (a folder is left alone). */
export function ensurePrivateFile(path: string): void {
  try {
    const fd = openSync(path, 'wx', PRIVATE_FILE);
    fchmodSync(fd, PRIVATE_FILE);
    closeSync(fd);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (statSync(path).isFile()) chmodSync(path, PRIVATE_FILE);
  }
}

/** Writes a whole file 0600 (a new one, or an existing one made 0600 before the new content goes in). */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', PRIVATE_FILE);
  try {
    fchmodSync(fd, PRIVATE_FILE);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
  } finally {
    closeSync(fd);
  }
}

export class FileExistsError extends Error {}

/**
 * Makes `target` appear whole or not at all: `fill` writes an empty 0600 temporary file beside
 * it, which is then renamed over the target (overwrite) or hard-linked to it, failing with
 * FileExistsError when the target exists (O_EXCL semantics, also between processes).
 */
export async function publishPrivateFile(target: string, fill: (tmp: string) => void | Promise<void>, overwrite = false): Promise<void> {
  const tmp = newTemp(target);
  try {
    await fill(tmp);
    publish(tmp, target, overwrite);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The same for a synchronous fill; never overwrites. */
export function publishPrivateFileSync(target: string, fill: (tmp: string) => void): void {
  const tmp = newTemp(target);
  try {
    fill(tmp);
    publish(tmp, target, false);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function newTemp(target: string): string {
  const tmp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', PRIVATE_FILE);
  fchmodSync(fd, PRIVATE_FILE);
  closeSync(fd);
  return tmp;
}

function publish(tmp: string, target: string, overwrite: boolean): void {
  chmodSync(tmp, PRIVATE_FILE);
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  if (overwrite) return renameSync(tmp, target);
  try {
    linkSync(tmp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(`${target} already exists`);
    throw err;
  }
  unlinkSync(tmp);
}
