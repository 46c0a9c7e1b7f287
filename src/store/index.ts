// The bot's persistent state, one object per table.
import { openDatabase, type Db } from './db.ts';
import { CourseStore } from './courses.ts';
import { MeetingStore } from './meetings.ts';
import { RoleStore } from './roles.ts';
import { RoomStore } from './rooms.ts';
import { SettingsStore } from './settings.ts';
import { StateStore } from './state.ts';

export class Store {
  readonly courses: CourseStore;
  readonly rooms: RoomStore;
  readonly roles: RoleStore;
  readonly settings: SettingsStore;
  readonly meetings: MeetingStore;
  readonly state: StateStore;

  constructor(readonly db: Db) {
    this.courses = new CourseStore(db);
    this.rooms = new RoomStore(db);
    this.roles = new RoleStore(db);
    this.settings = new SettingsStore(db);
    this.meetings = new MeetingStore(db);
    this.state = new StateStore(db);
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Whether the database answers (for /healthz). */
  healthy(): boolean {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  close(): void {
    this.db.close();
  }
}
