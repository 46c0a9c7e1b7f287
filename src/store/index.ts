// The bot's persistent state, one object per table.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db, type StoreLog } from './db.ts';
import { migrations as allMigrations } from './migrations.ts';
import { SecretBox } from './secret-box.ts';
import { defaultKeyFile } from './secret-key.ts';
import { openSecrets } from './secrets.ts';
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
import { AnalyticsStore } from './analytics.ts';
import { ClassroomStore } from './classroom.ts';
import { JoinLinkStore } from './join-links.ts';
import { UserProfileStore } from './user-profiles.ts';
import { ScopeStore } from './scopes.ts';
import { GuestInvitationStore } from './guest-invitations.ts';
import { ScheduleStore } from './schedules.ts';

export interface StoreOptions {
  secretKey?: string | undefined;
  keyFile?: string | undefined;
  log?: StoreLog | undefined;
}

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
  readonly analytics: AnalyticsStore;
  readonly classroom: ClassroomStore;
  readonly joinLinks: JoinLinkStore;
  readonly userProfiles: UserProfileStore;
  readonly scopes: ScopeStore;
  readonly guestInvitations: GuestInvitationStore;
  readonly schedules: ScheduleStore;

  constructor(
    readonly db: Db,
    box: SecretBox,
  ) {
    this.courses = new CourseStore(db);
    this.rooms = new RoomStore(db);
    this.roles = new RoleStore(db);
    this.settings = new SettingsStore(db, box);
    this.meetings = new MeetingStore(db);
    this.state = new StateStore(db);
    this.waitList = new WaitListStore(db);
    this.attendance = new AttendanceStore(db);
    this.recordingLog = new RecordingLogStore(db);
    this.userLanguages = new UserLanguageStore(db);
    this.analytics = new AnalyticsStore(db);
    this.classroom = new ClassroomStore(db);
    this.joinLinks = new JoinLinkStore(db);
    this.userProfiles = new UserProfileStore(db);
    this.scopes = new ScopeStore(db);
    this.guestInvitations = new GuestInvitationStore(db);
    this.schedules = new ScheduleStore(db);
  }

  /**
   * Opens (creating and migrating) the database at `path`. The key for secrets at rest is
   * `secretKey` (BOT_SECRET_KEY) or else the key file (default: secret.key beside the database);
   * an in-memory database without `secretKey` gets a throw-away key.
   */
  static open(path: string, options: StoreOptions = {}): Store {
    let box: SecretBox | undefined;
    const secrets = (db: Db): SecretBox =>
      (box =
        path === ':memory:' && !options.secretKey
          ? new SecretBox(randomBytes(32))
          : openSecrets(db, { envKey: options.secretKey, keyFile: options.keyFile ?? defaultKeyFile(path) }));
    const db = openDatabase(path, allMigrations, { secrets, log: options.log });
    return new Store(db, box!);
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
