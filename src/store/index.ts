// The bot's persistent state, one object per table.
import { openDatabase, type Db } from './db.ts';
import { CourseStore } from './courses.ts';
import { MeetingStore } from './meetings.ts';
import { RoleStore } from './roles.ts';
import { RoomStore } from './rooms.ts';
import { SettingsStore } from './settings.ts';
import { StateStore } from './state.ts';
import { WaitListStore } from './wait-list.ts';
import { AttendanceStore } from './attendance.ts';
import { RecordingLogStore } from './recording-log.ts';
import { UserLanguageStore } from './user-languages.ts';

export class Store {
  readonly courses: CourseStore;
  readonly rooms: RoomStore;
  readonly roles: RoleStore;
  readonly settings: SettingsStore;
  readonly meetings: MeetingStore;
  readonly state: StateStore;
  readonly waitList: WaitListStore;
  readonly attendance: AttendanceStore;
  readonly recordingLog: RecordingLogStore;
  readonly userLanguages: UserLanguageStore;

  constructor(readonly db: Db) {
    this.courses = new CourseStore(db);
    this.rooms = new RoomStore(db);
    this.roles = new RoleStore(db);
    this.settings = new SettingsStore(db);
    this.meetings = new MeetingStore(db);
    this.state = new StateStore(db);
    this.waitList = new WaitListStore(db);
    this.attendance = new AttendanceStore(db);
    this.recordingLog = new RecordingLogStore(db);
    this.userLanguages = new UserLanguageStore(db);
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
