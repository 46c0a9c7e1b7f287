// Who may do what. Admins can do everything; teachers and coaches moderate their course;
// everyone else in a linked room is a student.
import type { Store } from '../store/index.ts';
import type { Role, RoomLink } from './model.ts';
import type { InvocationUser, Platform } from './types.ts';

export function isAdmin(store: Store, envAdmins: ReadonlySet<string>, platform: Platform, user: InvocationUser): boolean {
  return user.isPlatformAdmin === true || envAdmins.has(`${platform}:${user.id}`) || store.roles.isAdmin(platform, user.id);
}

export function resolveRole(
  store: Store,
  envAdmins: ReadonlySet<string>,
  platform: Platform,
  user: InvocationUser,
  link: RoomLink | undefined,
): Role {
  if (isAdmin(store, envAdmins, platform, user)) return 'admin';
  if (!link) return 'student';
  const role = store.roles.courseRole(link.courseCode, platform, user.id);
  if (role) return role;
  // Matrix rooms may let their moderators (power level >= 50) teach (MATRIX_MODERATORS_ARE_TEACHERS).
  if (user.isRoomModerator) return 'teacher';
  return 'student';
}

export function isModerator(role: Role): boolean {
  return role === 'admin' || role === 'teacher' || role === 'coach';
}

/** `BOT_ADMINS=console:admin,slack:U123,matrix:@ann:school.edu` -> set of `platform:user`. */
export function parseAdminList(value: string): Set<string> {
  const out = new Set<string>();
  for (const item of value.split(/[\s,]+/)) {
    const m = /^(console|slack|matrix):(.+)$/.exec(item.trim());
    if (m) out.add(`${m[1]}:${m[2]}`);
  }
  return out;
}
