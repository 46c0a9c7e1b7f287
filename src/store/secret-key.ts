// Where the key for secrets at rest comes from: BOT_SECRET_KEY, else a key file beside the
// database, made 0600 at first start. Several bot instances sharing one database must share the
// key too: give them all the same BOT_SECRET_KEY (or the same key file on shared storage; its
// creation is atomic, so instances racing at first start agree on one key).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.ts';
import { decodeSecretKey, encodeSecretKey, KEY_FORMAT_HINT } from './key-format.ts';
import { FileExistsError, publishPrivateFileSync, tightenFile, writePrivateFile } from './private-files.ts';

export const KEY_VARIABLE = 'BOT_SECRET_KEY';

/** The key is missing, malformed or not the one the stored secrets were sealed with. One line, no secret in it. */
export class SecretKeyError extends ConfigError {}

export interface SecretKeySource {
  /** The value of BOT_SECRET_KEY, if set; it wins over the key file. */
  envKey?: string | undefined;
  /** The key file (default: secret.key beside the database). */
  keyFile: string;
}

export interface LoadedKey {
  key: Buffer;
  /** Where it came from, for error messages: "BOT_SECRET_KEY" or the key file's path. */
  from: string;
}

export function defaultKeyFile(dbPath: string): string {
  return join(dirname(dbPath), 'secret.key');
}

/** `mustExist`: sealed secrets are stored, so a new key would not open them: never make one then. */
export function loadSecretKey(source: SecretKeySource, mustExist: boolean): LoadedKey {
  if (source.envKey !== undefined && source.envKey.trim() !== '') {
    const key = decodeSecretKey(source.envKey);
    if (!key) throw new SecretKeyError(`${KEY_VARIABLE} is not a valid key: ${KEY_FORMAT_HINT}.`);
    return { key, from: KEY_VARIABLE };
  }
  const file = source.keyFile;
  const existing = readKeyFile(file);
  if (existing) return { key: existing, from: file };
  if (mustExist) {
    throw new SecretKeyError(
      `The database holds encrypted secrets but the key file ${file} is missing: restore it, or set ${KEY_VARIABLE} to the key they were encrypted with. Nothing was changed.`,
    );
  }
  const key = randomBytes(32);
  try {
    publishPrivateFileSync(file, (tmp) => writePrivateFile(tmp, encodeSecretKey(key) + '\n'));
  } catch (err) {
    if (!(err instanceof FileExistsError)) throw err;
    return { key: readKeyFile(file)!, from: file }; // another instance made it first: use theirs
  }
  return { key, from: file };
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SecretKeyError(`The key file ${file} cannot be read (${(err as NodeJS.ErrnoException).code}): fix its owner and permissions, or set ${KEY_VARIABLE}.`);
  }
  const key = decodeSecretKey(text);
  if (!key) throw new SecretKeyError(`The key file ${file} does not hold a valid key (${KEY_FORMAT_HINT}): restore it, or set ${KEY_VARIABLE}.`);
  tightenFile(file);
  return key;
}
