// Ordered, described schema steps. PRAGMA user_version is the number of steps applied.
// Never edit a released step: append a new one.
import type { Db } from './db.ts';
import type { SecretBox } from './secret-box.ts';
import { sealPlainSecrets } from './secrets.ts';

export interface MigrationContext {
  /** The key for secrets at rest, when the caller has one. */
  box?: SecretBox | undefined;
}

export interface Migration {
  description: string;
  sql: string;
  /** A data step that SQL cannot do, run after `sql` in the same transaction. */
  run?: (db: Db, ctx: MigrationContext) => void;
  /**
   * The step rebuilds a table that others reference (SQLite's 12-step ALTER): foreign keys are
   * off while the steps run and checked before they commit (migrate in db.ts).
   */
  rebuildsTables?: true;
}

export const migrations: Migration[] = [
  {
    description: 'settings, courses, room links, roles, admins, meetings, adapter state',
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE courses (
        code             TEXT PRIMARY KEY,
        title            TEXT NOT NULL,
        record           INTEGER NOT NULL DEFAULT 0 CHECK (record IN (0, 1)),
        max_participants INTEGER CHECK (max_participants IS NULL OR max_participants > 0),
        duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
        welcome          TEXT,
        language         TEXT,
        join_policy      TEXT NOT NULL DEFAULT 'started' CHECK (join_policy IN ('started', 'moderator-present')),
        created_at       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE room_links (
        platform    TEXT NOT NULL,
        room_id     TEXT NOT NULL,
        course_code TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        group_name  TEXT NOT NULL DEFAULT '',
        linked_by   TEXT NOT NULL,
        linked_at   INTEGER NOT NULL,
        PRIMARY KEY (platform, room_id)
      ) STRICT;

      CREATE TABLE course_roles (
        course_code  TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        platform     TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('teacher', 'coach')),
        display_name TEXT,
        PRIMARY KEY (course_code, platform, user_id)
      ) STRICT;

      CREATE TABLE admins (
        platform TEXT NOT NULL,
        user_id  TEXT NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (platform, user_id)
      ) STRICT;

      CREATE TABLE meetings (
        id                  INTEGER PRIMARY KEY,
        course_code         TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        group_name          TEXT NOT NULL DEFAULT '',
        bbb_meeting_id      TEXT NOT NULL,
        internal_meeting_id TEXT,
        create_time         TEXT,
        record              INTEGER NOT NULL DEFAULT 0,
        started_by_platform TEXT NOT NULL,
        started_by          TEXT NOT NULL,
        started_in_room     TEXT NOT NULL,
        created_at          INTEGER NOT NULL,
        ended_at            INTEGER,
        end_reason          TEXT,
        callback_token      TEXT UNIQUE
      ) STRICT;
      CREATE INDEX meetings_open ON meetings (course_code, group_name) WHERE ended_at IS NULL;

      CREATE TABLE adapter_state (
        namespace  TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, key)
      ) STRICT;
    `,
  },
  // Step 2 (issue 6, after the command): wait list, attendance, recording watch and announcements.
  {
    description: 'wait list, link grants, attendance, recording watch, announced recordings',
    sql: `
      CREATE TABLE wait_list (
        course_code  TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        group_name   TEXT NOT NULL DEFAULT '',
        platform     TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        display_name TEXT NOT NULL,
        room_id      TEXT NOT NULL,
        added_at     INTEGER NOT NULL,
        PRIMARY KEY (course_code, group_name, platform, user_id)
      ) STRICT;

      CREATE TABLE link_grants (
        meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        platform       TEXT NOT NULL,
        user_id        TEXT NOT NULL,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('MODERATOR', 'VIEWER')),
        first_given_at INTEGER NOT NULL,
        last_given_at  INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, platform, user_id)
      ) STRICT;

      CREATE TABLE attendance (
        meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        bbb_user_id TEXT NOT NULL,
        full_name   TEXT NOT NULL,
        role        TEXT NOT NULL,
        first_seen  INTEGER NOT NULL,
        last_seen   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, bbb_user_id)
      ) STRICT;

      CREATE TABLE recording_watch (
        meeting_id    INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        deadline      INTEGER NOT NULL,
        next_check_at INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE recordings_announced (
        record_id    TEXT PRIMARY KEY,
        meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        announced_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  // Step 3 (issue 9, secrets at rest): from here on the secret settings are sealed (secrets.ts).
  // The version bump also makes older releases refuse the database instead of misreading a sealed value.
  {
    description: 'seal the BBB secret and the instance key with AES-256-GCM under a key kept outside the database',
    sql: '',
    run: (db, ctx) => sealPlainSecrets(db, ctx.box),
  },
  // Step 4 (issue 11, languages): each user's chosen language and the one their platform reports.
  {
    description: 'user languages: override chosen with the language command, locale reported by the platform',
    sql: `
      CREATE TABLE user_languages (
        platform TEXT NOT NULL,
        user_id  TEXT NOT NULL,
        chosen   TEXT,
        locale   TEXT,
        PRIMARY KEY (platform, user_id)
      ) STRICT;
    `,
  },
  // Step 5 (issue 17, exact attendance): BBB's learning-analytics callback, stored once per meeting.
  {
    description: 'analytics: the exact attendance BBB reports after a meeting, one row per attendee; the count each end-of-class summary said',
    sql: `
      CREATE TABLE analytics_reports (
        meeting_id     INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        received_at    INTEGER NOT NULL,
        started_at     INTEGER,
        finished_at    INTEGER
      ) STRICT;

      CREATE TABLE analytics_attendees (
        meeting_id   INTEGER NOT NULL REFERENCES analytics_reports(meeting_id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        ext_user_id  TEXT NOT NULL,
        name         TEXT NOT NULL,
        moderator    INTEGER NOT NULL,
        joins        TEXT NOT NULL,
        leaves       TEXT NOT NULL,
        duration_s   INTEGER NOT NULL,
        talk_time_s  INTEGER NOT NULL,
        chats        INTEGER NOT NULL,
        raised_hands INTEGER NOT NULL,
        poll_votes   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, seq)
      ) STRICT;

      CREATE TABLE meeting_summaries (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        people     INTEGER NOT NULL
      ) STRICT;
    `,
  },
  // Step 6 (issue 13, classroom settings): lock settings, layout, texts and client options per
  // course; client preferences per user; one-time join links (the token only as its SHA-256,
  // and no signed BBB URL: it is made when the link is opened).
  {
    description: 'classroom settings per course, client preferences per user, one-time join links',
    sql: `
      CREATE TABLE course_classroom (
        course_code TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        value       TEXT NOT NULL,
        PRIMARY KEY (course_code, name)
      ) STRICT;

      CREATE TABLE user_prefs (
        platform TEXT NOT NULL,
        user_id  TEXT NOT NULL,
        name     TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (platform, user_id, name)
      ) STRICT;

      CREATE TABLE join_links (
        token_hash     TEXT PRIMARY KEY,
        course_code    TEXT NOT NULL,
        meeting_row_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        bbb_meeting_id TEXT NOT NULL,
        create_time    TEXT NOT NULL,
        platform       TEXT NOT NULL,
        user_id        TEXT NOT NULL,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('MODERATOR', 'VIEWER')),
        prefix         TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        opened_at      INTEGER
      ) STRICT;
      CREATE INDEX join_links_expiry ON join_links (expires_at);
    `,
  },
  // Step 7 (issue 14, performance): chat users' profiles (the display name, and what else the platform said in
  // `fields`, e.g. Slack's admin flag or a locale) with an expiry, so a known user costs no
  // users.info call, not even after a restart.
  {
    description: 'user profiles cached from the chat platform, with an expiry',
    sql: `
      CREATE TABLE user_profiles (
        platform     TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        display_name TEXT NOT NULL,
        fields       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
        fetched_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        PRIMARY KEY (platform, user_id)
      ) STRICT;
      CREATE INDEX user_profiles_expiry ON user_profiles (expires_at);
    `,
  },
  // Step 8 (issue 17, edit the summary): where each room's end-of-class summary was posted (the
  // platform's opaque message reference), so that BBB's exact count can replace it in place.
  {
    description: 'the posted end-of-class summary messages, to edit them with the exact count',
    sql: `
      CREATE TABLE summary_messages (
        meeting_id INTEGER NOT NULL REFERENCES meeting_summaries(meeting_id) ON DELETE CASCADE,
        platform   TEXT NOT NULL,
        room_id    TEXT NOT NULL,
        ref        TEXT NOT NULL,
        PRIMARY KEY (meeting_id, platform, room_id)
      ) STRICT;
    `,
  },
  // Step 9 (issue 12, rooms beyond the course): a meeting's scope. Meetings and wait lists are
  // keyed by the scope key (a course's is its code, `MATH101` or `MATH101/g1`, so existing rows
  // become course scopes); course_code stays for course scopes only (NULL for the global
  // conference and personal rooms), still cascading when a course is deleted. Plus the settings
  // of the non-course scopes, the rooms that announce the global conference, and the
  // co-moderators a personal room's owner adds for one session.
  {
    description: 'meeting scopes: meetings and wait lists keyed by scope, scope settings, announce rooms, session co-moderators',
    rebuildsTables: true,
    sql: `
      CREATE TABLE meetings_scoped (
        id                  INTEGER PRIMARY KEY,
        scope_key           TEXT NOT NULL,
        course_code         TEXT REFERENCES courses(code) ON DELETE CASCADE,
        group_name          TEXT NOT NULL DEFAULT '',
        bbb_meeting_id      TEXT NOT NULL,
        internal_meeting_id TEXT,
        create_time         TEXT,
        record              INTEGER NOT NULL DEFAULT 0,
        started_by_platform TEXT NOT NULL,
        started_by          TEXT NOT NULL,
        started_in_room     TEXT NOT NULL,
        created_at          INTEGER NOT NULL,
        ended_at            INTEGER,
        end_reason          TEXT,
        callback_token      TEXT UNIQUE,
        CHECK ((course_code IS NULL) = (substr(scope_key, 1, 1) = '*'))
      ) STRICT;
      INSERT INTO meetings_scoped
        SELECT id, CASE WHEN group_name = '' THEN course_code ELSE course_code || '/' || group_name END, course_code, group_name,
               bbb_meeting_id, internal_meeting_id, create_time, record, started_by_platform, started_by, started_in_room,
               created_at, ended_at, end_reason, callback_token
        FROM meetings;
      DROP TABLE meetings;
      ALTER TABLE meetings_scoped RENAME TO meetings;
      CREATE INDEX meetings_open ON meetings (scope_key) WHERE ended_at IS NULL;
      CREATE INDEX meetings_scope ON meetings (scope_key, id);

      CREATE TABLE wait_list_scoped (
        scope_key    TEXT NOT NULL,
        course_code  TEXT REFERENCES courses(code) ON DELETE CASCADE,
        platform     TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        display_name TEXT NOT NULL,
        room_id      TEXT NOT NULL,
        added_at     INTEGER NOT NULL,
        PRIMARY KEY (scope_key, platform, user_id)
      ) STRICT;
      INSERT INTO wait_list_scoped
        SELECT CASE WHEN group_name = '' THEN course_code ELSE course_code || '/' || group_name END, course_code,
               platform, user_id, display_name, room_id, added_at
        FROM wait_list;
      DROP TABLE wait_list;
      ALTER TABLE wait_list_scoped RENAME TO wait_list;

      CREATE TABLE scope_settings (
        scope_key TEXT NOT NULL,
        name      TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (scope_key, name)
      ) STRICT;

      CREATE TABLE scope_rooms (
        scope_key TEXT NOT NULL,
        platform  TEXT NOT NULL,
        room_id   TEXT NOT NULL,
        added_by  TEXT NOT NULL,
        PRIMARY KEY (scope_key, platform, room_id)
      ) STRICT;

      CREATE TABLE session_moderators (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        platform   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        PRIMARY KEY (meeting_id, platform, user_id)
      ) STRICT;
    `,
  },
  // Step 10 (issue 13, guests): invitations for people without a chat account (PUBLIC_URL/g/<token>),
  // keyed by the SHA-256 of the token; `id` is the short number teachers list and revoke.
  {
    description: 'guest invitations: expiry, uses and revocation, by token hash',
    sql: `
      CREATE TABLE guest_invitations (
        id          INTEGER PRIMARY KEY,
        token_hash  TEXT NOT NULL UNIQUE,
        course_code TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        grp         TEXT NOT NULL DEFAULT '',
        platform    TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        max_uses    INTEGER NOT NULL CHECK (max_uses > 0),
        uses        INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
        revoked_at  INTEGER
      ) STRICT;
      CREATE INDEX guest_invitations_course ON guest_invitations (course_code, grp, expires_at);
    `,
  },
  // Step 11 (issue 16, schedules): a course's timetable (weekly slots and one-off dates, per course
  // and group), its schedule settings (time zone, reminder, auto-start, auto-end), and each timed
  // action claimed once (slot + occurrence + kind) so that restarts and several instances never repeat one.
  {
    description: 'course timetables, their settings, and the claimed reminders/auto-starts/auto-ends',
    sql: `
      CREATE TABLE schedule_slots (
        id          INTEGER PRIMARY KEY,
        course_code TEXT NOT NULL REFERENCES courses(code) ON DELETE CASCADE,
        group_name  TEXT NOT NULL DEFAULT '',
        days        TEXT NOT NULL DEFAULT '',
        date        TEXT,
        start_time  TEXT NOT NULL,
        minutes     INTEGER NOT NULL CHECK (minutes > 0),
        created_at  INTEGER NOT NULL,
        CHECK ((days = '') <> (date IS NULL))
      ) STRICT;
      CREATE INDEX schedule_slots_course ON schedule_slots (course_code, group_name);

      CREATE TABLE schedule_settings (
        course_code      TEXT PRIMARY KEY REFERENCES courses(code) ON DELETE CASCADE,
        time_zone        TEXT,
        reminder_minutes INTEGER,
        auto_start       INTEGER NOT NULL DEFAULT 0,
        auto_end         INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE schedule_firings (
        slot_id    INTEGER NOT NULL REFERENCES schedule_slots(id) ON DELETE CASCADE,
        occurrence INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('reminder', 'start', 'end')),
        outcome    TEXT NOT NULL,
        fired_at   INTEGER NOT NULL,
        PRIMARY KEY (slot_id, occurrence, kind)
      ) STRICT;
    `,
  },
  // Step 12 (issue 16, global timetables): slots and schedule settings belong to a scope (its key:
  // `MATH101`, `MATH101/g1`, `*global`) rather than to a course only. course_code stays (NULL
  // beyond courses) so that removing a course still removes its timetable. Existing rows keep
  // their ids (the firings hang off them) and become course scopes.
  {
    description: 'timetables and schedule settings keyed by meeting scope (the global conference has its own)',
    rebuildsTables: true,
    sql: `
      CREATE TABLE schedule_slots_new (
        id          INTEGER PRIMARY KEY,
        scope_key   TEXT NOT NULL,
        course_code TEXT REFERENCES courses(code) ON DELETE CASCADE,
        days        TEXT NOT NULL DEFAULT '',
        date        TEXT,
        start_time  TEXT NOT NULL,
        minutes     INTEGER NOT NULL CHECK (minutes > 0),
        created_at  INTEGER NOT NULL,
        CHECK ((days = '') <> (date IS NULL)),
        CHECK ((course_code IS NULL) = (substr(scope_key, 1, 1) = '*'))
      ) STRICT;
      INSERT INTO schedule_slots_new (id, scope_key, course_code, days, date, start_time, minutes, created_at)
        SELECT id, CASE group_name WHEN '' THEN course_code ELSE course_code || '/' || group_name END, course_code, days, date, start_time, minutes, created_at
        FROM schedule_slots;
      DROP TABLE schedule_slots;
      ALTER TABLE schedule_slots_new RENAME TO schedule_slots;
      CREATE INDEX schedule_slots_scope ON schedule_slots (scope_key);

      CREATE TABLE schedule_settings_new (
        scope_key        TEXT PRIMARY KEY,
        course_code      TEXT REFERENCES courses(code) ON DELETE CASCADE,
        time_zone        TEXT,
        reminder_minutes INTEGER,
        auto_start       INTEGER NOT NULL DEFAULT 0,
        auto_end         INTEGER NOT NULL DEFAULT 0,
        CHECK ((course_code IS NULL) = (substr(scope_key, 1, 1) = '*'))
      ) STRICT;
      INSERT INTO schedule_settings_new (scope_key, course_code, time_zone, reminder_minutes, auto_start, auto_end)
        SELECT course_code, course_code, time_zone, reminder_minutes, auto_start, auto_end FROM schedule_settings;
      DROP TABLE schedule_settings;
      ALTER TABLE schedule_settings_new RENAME TO schedule_settings;
    `,
  },
];
