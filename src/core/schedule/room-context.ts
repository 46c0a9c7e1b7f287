// How the scheduler sees a room it speaks in: as a command there would (language, prefix, platform).
import type { CommandContext } from '../../commands/context.ts';
import type { AfterDeps } from '../after/deps.ts';
import type { AnnounceRoom } from '../../store/scopes.ts';

/** How the core sees a room (its language, prefix, platform), without a user. */
export function roomContext(d: AfterDeps, room: AnnounceRoom, user = { id: '', displayName: '' }): CommandContext {
  return d.contextFor({ platform: room.platform, user, room: { id: room.roomId }, text: '', source: 'command' });
}
