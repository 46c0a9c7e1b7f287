// Deployment settings. The BBB secret is read and written only here, so that encrypting it at
// rest (a later issue) is a change to this file alone.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { ServerSettings } from '../core/model.ts';

export class SettingsStore {
  constructor(private readonly db: Db) {}

  private get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  server(): ServerSettings | undefined {
    const url = this.get('bbb.url');
    const secret = this.get('bbb.secret');
    return url && secret ? { url, secret } : undefined;
  }

  setServer(server: ServerSettings): void {
    this.db.transaction(() => {
      this.set('bbb.url', server.url);
      this.set('bbb.secret', server.secret);
    })();
  }

  /**
   * A random key made on first use. Meeting IDs and passwords are derived from it with HMAC,
   * so they are stable per course and unguessable without the database.
   */
  instanceKey(): string {
    let key = this.get('instance.key');
    if (!key) {
      key = randomBytes(32).toString('hex');
      this.set('instance.key', key);
    }
    return key;
  }
}
