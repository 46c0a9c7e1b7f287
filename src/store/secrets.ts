// Which settings are secrets, sealing them (schema step 3) and checking the key against them
// before anything is changed.
import { existsSync } from 'node:fs';
import type { Db } from './db.ts';
import { SecretBox, SealedValueError } from './secret-box.ts';
import { KEY_VARIABLE, loadSecretKey, SecretKeyError, type SecretKeySource } from './secret-key.ts';

/** Settings whose values are stored sealed: the BBB shared secret and the key meeting IDs and passwords derive from. */
export const SECRET_SETTINGS = ['bbb.secret', 'instance.key'] as const;

/** The schema version from which the secret settings are stored sealed (see migrations.ts). */
export const SEALED_SINCE_VERSION = 3;

interface Row {
  key: string;
  value: string;
}

function secretRows(db: Db): Row[] {
  const marks = SECRET_SETTINGS.map(() => '?').join(', ');
  return db.prepare(`SELECT key, value FROM settings WHERE key IN (${marks})`).all(...SECRET_SETTINGS) as Row[];
}

/** Schema step 3: the secret settings, plain text until now, sealed in place. */
export function sealPlainSecrets(db: Db, box: SecretBox | undefined): void {
  const rows = secretRows(db);
  if (rows.length === 0) return;
  if (!box) throw new Error('Sealing the stored secrets needs the secret key');
  const update = db.prepare('UPDATE settings SET value = ? WHERE key = ?');
  for (const r of rows) update.run(box.seal(r.key, r.value), r.key);
}

/**
 * Loads the key (making a key file only if no sealed secret exists yet) and opens every sealed
 * secret with it, so a wrong key stops start-up before any migration or write.
 */
export function openSecrets(db: Db, source: SecretKeySource): SecretBox {
  const version = db.pragma('user_version', { simple: true }) as number;
  const sealed = version >= SEALED_SINCE_VERSION ? secretRows(db) : [];
  const { key, from } = loadSecretKey(source, sealed.length > 0);
  const box = new SecretBox(key);
  for (const r of sealed) {
    try {
      box.open(r.key, r.value);
    } catch (err) {
      if (!(err instanceof SealedValueError)) throw err;
      throw new SecretKeyError(wrongKeyMessage(from, source));
    }
  }
  return box;
}

function wrongKeyMessage(from: string, source: SecretKeySource): string {
  if (from === KEY_VARIABLE) {
    const hint = existsSync(source.keyFile) ? ` (or unset it to use the key file ${source.keyFile})` : '';
    return `The stored secrets do not open with ${KEY_VARIABLE}: set it to the key they were encrypted with${hint}. Nothing was changed.`;
  }
  return `The stored secrets do not open with the key file ${from}: restore the key file that belongs to this database, or set ${KEY_VARIABLE} to that key. Nothing was changed.`;
}
