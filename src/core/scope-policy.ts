// What differs between the kinds of meeting scope, in one place: who may start and who
// moderates, where a start is announced and where summaries and recordings go, and which
// settings a meeting gets. Courses: their teachers and coaches (and admins), their linked rooms,
// the course's settings. The global conference: admins (and, if chosen, every teacher and
// coach), the rooms chosen with `config global announce here`, `config global set …`. Personal
// rooms: the owner (and co-moderators they add for a session), announced only where typed,
// the installation's defaults.
import type { Store } from '../store/index.ts';
import type { AnnounceRoom } from '../store/scopes.ts';
import type { JoinPolicy, Language } from './model.ts';
import { GLOBAL, scopeKey, type MeetingScope } from './scope.ts';
import type { Platform } from './types.ts';

export const GLOBAL_STARTERS = ['admins', 'teachers'] as const;
export type GlobalStarters = (typeof GLOBAL_STARTERS)[number];
export const PERSONAL_ROOMS = ['everyone', 'teachers', 'off'] as const;
export type PersonalRooms = (typeof PERSONAL_ROOMS)[number];
/** The settings key of all personal rooms (installation-wide). */
export const PERSONAL_SETTINGS = '*personal';

export interface Person {
  platform: Platform;
  userId: string;
  isAdmin: boolean;
}

export type StartVerdict = { ok: true } | { ok: false; why: 'global-off' | 'global-starters' | 'personal-off' | 'personal-teachers' };

export function globalEnabled(store: Store): boolean {
  return store.scopes.get(scopeKey(GLOBAL), 'enabled') === 'true';
}

export function globalStarters(store: Store): GlobalStarters {
  return store.scopes.get(scopeKey(GLOBAL), 'starters') === 'teachers' ? 'teachers' : 'admins';
}

export function personalRooms(store: Store): PersonalRooms {
  const v = store.scopes.get(PERSONAL_SETTINGS, 'who');
  return v === 'everyone' || v === 'teachers' ? v : 'off';
}

const teaches = (store: Store, p: Person): boolean => p.isAdmin || store.roles.teachesAnywhere(p.platform, p.userId);

/** Whether this person may start a global or personal meeting (a course's follows the course's roles). */
export function mayStart(store: Store, scope: MeetingScope, p: Person): StartVerdict {
  if (scope.kind === 'global') {
    if (!globalEnabled(store)) return { ok: false, why: 'global-off' };
    const ok = p.isAdmin || (globalStarters(store) === 'teachers' && teaches(store, p));
    return ok ? { ok } : { ok: false, why: 'global-starters' };
  }
  if (scope.kind === 'personal') {
    const who = personalRooms(store);
    if (who === 'off') return { ok: false, why: 'personal-off' };
    return who === 'everyone' || teaches(store, p) ? { ok: true } : { ok: false, why: 'personal-teachers' };
  }
  return { ok: true };
}

/**
 * Whether this person moderates a global or personal meeting (MODERATOR link, end, status
 * details, recordings, report). The global conference: those who may start it. A personal room:
 * its owner and the co-moderators of its open session; course teachers get no rights in it.
 */
export function moderatesScope(store: Store, scope: MeetingScope, p: Person): boolean {
  if (scope.kind === 'global') return mayStart(store, scope, p).ok;
  if (scope.kind === 'personal') {
    if (scope.owner.platform === p.platform && scope.owner.userId === p.userId) return true;
    const open = store.meetings.open(scope);
    return open !== undefined && store.meetings.isSessionModerator(open.id, p.platform, p.userId);
  }
  return false;
}

/** Rooms that hear of a scope's meetings after the command (start elsewhere, end summary, recordings). */
export function announceRooms(store: Store, scope: MeetingScope): AnnounceRoom[] {
  if (scope.kind === 'course') return store.rooms.forCourse(scope.courseCode, scope.group);
  if (scope.kind === 'global') return store.scopes.announceRooms(scopeKey(scope));
  return []; // a personal room is announced only where it was started
}

/** What a meeting of this scope is created with. undefined: the course is gone. */
export interface MeetingSettings {
  /** The meeting's name on BigBlueButton and its context (the course title). */
  title: string;
  group: string;
  record: boolean;
  maxParticipants: number | null;
  /** Minutes; null = the deployment default. */
  durationMinutes: number | null;
  welcome: string | null;
  joinPolicy: JoinPolicy;
  language: Language | null;
  /** The classroom options (`config set lock-cameras on`), as stored. */
  classroom: ReadonlyMap<string, string>;
}

/** The settings of the global conference: the same names as `config set`, stored as text. */
export const GLOBAL_TITLE = 'Global conference';

export function meetingSettings(store: Store, scope: MeetingScope, ownerName?: string): MeetingSettings | undefined {
  if (scope.kind === 'course') {
    const course = store.courses.get(scope.courseCode);
    if (!course) return undefined;
    const { record, maxParticipants, durationMinutes, welcome, joinPolicy, language } = course;
    return { title: course.title, group: scope.group, record, maxParticipants, durationMinutes, welcome, joinPolicy, language, classroom: store.classroom.course(course.code) };
  }
  if (scope.kind === 'global') {
    const s = store.scopes.settings(scopeKey(scope));
    const num = (v: string | undefined): number | null => (v === undefined ? null : Number(v));
    return {
      title: GLOBAL_TITLE, group: '', record: s.get('record') === 'true', maxParticipants: num(s.get('max-participants')),
      durationMinutes: num(s.get('duration')), welcome: s.get('welcome') ?? null,
      joinPolicy: s.get('join-policy') === 'moderator-present' ? 'moderator-present' : 'started', language: null, classroom: s,
    };
  }
  const name = ownerName ?? store.scopes.get(scopeKey(scope), 'owner-name') ?? scope.owner.userId;
  return { title: name, group: '', record: false, maxParticipants: null, durationMinutes: null, welcome: null, joinPolicy: 'started', language: null, classroom: new Map() };
}
