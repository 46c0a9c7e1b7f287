// Whose timetable the scheduler acts on, and how it reads in a room: where it is announced, its
// name in the room's language, the words its buttons run, who teaches it and who gets a moderator
// link when it starts by itself. A course (or group): its linked rooms, teachers and coaches. The
// global conference: the rooms of `config global announce here`, the admins (and every teacher
// and coach with `config global starters teachers`), as scope-policy.ts says.
import type { Store } from '../../store/index.ts';
import type { AnnounceRoom } from '../../store/scopes.ts';
import type { Messages } from '../../i18n/index.ts';
import { announceRooms, globalEnabled, globalStarters } from '../scope-policy.ts';
import type { MeetingScope } from '../scope.ts';
import type { Platform, ReplyAction } from '../types.ts';

export interface Moderator {
  platform: Platform;
  userId: string;
  displayName: string;
}

export interface ScheduleSubject {
  scope: MeetingScope;
  rooms: AnnounceRoom[];
  label(t: Messages): string;
  /** The words a button runs for the clicker; undefined: the room's own `join` / `notify`. */
  joinCommand?: string;
  notifyCommand?: string;
  howToJoin(t: Messages, prefix: string, buttons: boolean): string;
  notifyOffer(t: Messages, prefix: string, buttons: boolean): string;
  /** "Taught by …" (course teachers known on this platform); '' for none. */
  teachers(platform: Platform): string;
  /** Who gets their moderator link privately when the meeting starts by itself (`envAdmins`: BOT_ADMINS, `platform:id`). */
  moderators(envAdmins: ReadonlySet<string>): Moderator[];
}

/** The Join button (the room's own `join`, or the subject's words such as `global join`). */
export function joinAction(s: ScheduleSubject, label: string): ReplyAction {
  return { id: 'join', label, ...(s.joinCommand ? { command: s.joinCommand } : {}) };
}

const PLATFORMS: Platform[] = ['console', 'slack', 'matrix'];

/** The subject of a scope's timetable; undefined when nothing should happen (course gone, global conference off). */
export function scheduleSubject(store: Store, scope: MeetingScope): ScheduleSubject | undefined {
  if (scope.kind === 'course') {
    const course = store.courses.get(scope.courseCode);
    if (!course) return undefined;
    const members = () => store.roles.members(course.code);
    return {
      scope,
      rooms: announceRooms(store, scope),
      label: (t) => t.courseLabel(course.title, course.code, scope.group),
      howToJoin: (t, prefix, buttons) => t.startedHowToJoin(prefix, buttons),
      notifyOffer: (t, prefix, buttons) => t.notifyOffer(prefix, buttons),
      teachers: (platform) => members().filter((m) => m.role === 'teacher' && m.platform === platform).map((m) => m.displayName ?? m.userId).join(', '),
      moderators: () => members().map((m) => ({ platform: m.platform, userId: m.userId, displayName: m.displayName ?? m.userId })),
    };
  }
  if (scope.kind !== 'global' || !globalEnabled(store)) return undefined;
  return {
    scope,
    rooms: announceRooms(store, scope),
    label: (t) => t.rooms.globalLabel,
    joinCommand: 'global join',
    notifyCommand: 'global notify',
    howToJoin: (t, prefix, buttons) => t.rooms.howToJoin(`${prefix} global join`, buttons),
    notifyOffer: (t, prefix, buttons) => t.rooms.notifyOffer(`${prefix} global notify`, buttons),
    teachers: () => '',
    moderators: (envAdmins) => globalModerators(store, envAdmins),
  };
}

/**
 * Those who may start the global conference: the admins (BOT_ADMINS and `config admin add`; a
 * workspace's own admins cannot be listed), and every teacher and coach when so chosen.
 */
function globalModerators(store: Store, envAdmins: ReadonlySet<string>): Moderator[] {
  const out = new Map<string, Moderator>();
  const admin = (platform: Platform, userId: string) => out.set(`${platform}|${userId}`, { platform, userId, displayName: userId });
  for (const entry of envAdmins) {
    const colon = entry.indexOf(':');
    const platform = entry.slice(0, colon) as Platform;
    if (PLATFORMS.includes(platform)) admin(platform, entry.slice(colon + 1));
  }
  for (const platform of PLATFORMS) for (const userId of store.roles.admins(platform)) admin(platform, userId);
  if (globalStarters(store) === 'teachers') {
    for (const course of store.courses.list()) {
      for (const m of store.roles.members(course.code)) out.set(`${m.platform}|${m.userId}`, out.get(`${m.platform}|${m.userId}`) ?? { platform: m.platform, userId: m.userId, displayName: m.displayName ?? m.userId });
    }
  }
  return [...out.values()];
}
