import type { Db } from './db.ts';
import type { KeyValueStore } from '../core/types.ts';

export class StateStore implements KeyValueStore {
  constructor(private readonly db: Db) {}

  get(namespace: string, key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM adapter_state WHERE namespace = ? AND key = ?').get(namespace, key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  set(namespace: string, key: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO adapter_state (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(namespace, key, value, Date.now());
  }

  delete(namespace: string, key: string): void {
    this.db.prepare('DELETE FROM adapter_state WHERE namespace = ? AND key = ?').run(namespace, key);
  }
}
