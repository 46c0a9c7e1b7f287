// Deployment settings. Secret settings (secrets.ts) are sealed with the SecretBox on the way in
// and opened on the way out; nothing else reads the settings table.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { SecretBox } from './secret-box.ts';
import type { ServerSettings } from '../core/model.ts';

export class SettingsStore {
  private instance: string | undefined;
  /** server() is asked on every command; it changes only through setServer (this process is the only writer). */
  private serverCache: { value: ServerSettings | undefined } | undefined;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  private get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  private secret(key: string): string | undefined {
    const sealed = this.get(key);
    return sealed === undefined ? undefined : this.box.open(key, sealed);
  }

  server(): ServerSettings | undefined {
    if (!this.serverCache) {
      const url = this.get('bbb.url');
      const secret = this.secret('bbb.secret');
      this.serverCache = { value: url && secret ? { url, secret } : undefined };
    }
    return this.serverCache.value;
  }

  setServer(server: ServerSettings): void {
    this.db.transaction(() => {
      this.set('bbb.url', server.url);
      this.set('bbb.secret', this.box.seal('bbb.secret', server.secret));
    })();
    this.serverCache = undefined;
  }

  /**
   * A random key made on first use. Meeting IDs and passwords are derived from it with HMAC,
   * so they are stable per course and unguessable without the database and its key.
   * Instances sharing the database agree on the first one written.
   */
  instanceKey(): string {
    if (this.instance === undefined) {
      const fresh = this.box.seal('instance.key', randomBytes(32).toString('hex'));
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run('instance.key', fresh);
      this.instance = this.secret('instance.key')!;
    }
    return this.instance;
  }
}
