// Settings of the scopes that are not courses (the global conference, personal rooms), kept as
// text per scope key, and the chat rooms that announce a scope's meetings (`config global announce here`).
import type { Db } from './db.ts';
import type { Platform } from '../core/types.ts';

export interface AnnounceRoom {
  platform: Platform;
  roomId: string;
}

export class ScopeStore {
  constructor(private readonly db: Db) {}

  settings(key: string): Map<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM scope_settings WHERE scope_key = ? ORDER BY name').all(key) as { name: string; value: string }[];
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  get(key: string, name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM scope_settings WHERE scope_key = ? AND name = ?').get(key, name) as { value: string } | undefined)?.value;
  }

  /** null removes the setting (back to the default). */
  set(key: string, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare('DELETE FROM scope_settings WHERE scope_key = ? AND name = ?').run(key, name);
      return;
    }
    this.db
      .prepare('INSERT INTO scope_settings (scope_key, name, value) VALUES (?, ?, ?) ON CONFLICT (scope_key, name) DO UPDATE SET value = excluded.value')
      .run(key, name, value);
  }

  announceRooms(key: string): AnnounceRoom[] {
    const rows = this.db.prepare('SELECT platform, room_id FROM scope_rooms WHERE scope_key = ? ORDER BY platform, room_id').all(key) as { platform: string; room_id: string }[];
    return rows.map((r) => ({ platform: r.platform as Platform, roomId: r.room_id }));
  }

  /** Turns announcements in a room on or off; false when nothing changed. */
  setAnnounce(key: string, room: AnnounceRoom, on: boolean, by: string): boolean {
    if (!on) return this.db.prepare('DELETE FROM scope_rooms WHERE scope_key = ? AND platform = ? AND room_id = ?').run(key, room.platform, room.roomId).changes > 0;
    return this.db.prepare('INSERT OR IGNORE INTO scope_rooms (scope_key, platform, room_id, added_by) VALUES (?, ?, ?, ?)').run(key, room.platform, room.roomId, by).changes > 0;
  }
}
