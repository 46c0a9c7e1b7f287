// How the scheduler sees a course's room: as a command there would (language, prefix, platform).
import type { CommandContext } from '../../commands/context.ts';
import type { AfterDeps } from '../after/deps.ts';
import type { RoomLink } from '../model.ts';

/** How the core sees a room (its language, prefix, platform), without a user. */
export function roomContext(d: AfterDeps, room: RoomLink, user = { id: '', displayName: '' }): CommandContext {
  return d.contextFor({ platform: room.platform, user, room: { id: room.roomId }, text: '', source: 'command' });
}

/** The course's teachers known on this platform, by name. */
export function teacherNames(d: AfterDeps, courseCode: string, platform: RoomLink['platform']): string {
  return d.store.roles.members(courseCode).filter((m) => m.role === 'teacher' && m.platform === platform).map((m) => m.displayName ?? m.userId).join(', ');
}
