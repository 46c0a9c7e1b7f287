// `config set personal-rooms everyone|teachers|off`: who may open a personal room, installation-wide.
import type { CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import { PERSONAL_ROOMS, PERSONAL_SETTINGS, type PersonalRooms } from '../core/scope-policy.ts';
import type { Reply } from '../core/types.ts';

/** `config set personal-rooms everyone|teachers|off`: installation-wide, from any room. */
export function setPersonalRooms(ctx: CommandContext, raw: string): Reply[] {
  const value = raw.trim().toLowerCase();
  if (!(PERSONAL_ROOMS as readonly string[]).includes(value)) return [refusal(ctx.t.badOptionValue('personal-rooms', PERSONAL_ROOMS.join(', ')))];
  ctx.store.scopes.set(PERSONAL_SETTINGS, 'who', value);
  return [toUser(ctx.t.rooms.personalRoomsSet(value as PersonalRooms, ctx.prefix))];
}
