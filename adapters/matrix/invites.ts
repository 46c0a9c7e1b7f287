// Invites: join only when the inviter (or their server) is in MATRIX_ALLOWED_INVITERS, otherwise
// reject (leave). An empty list rejects everyone, with a warning telling the operator what to set.
// A joined room is a shared room, even one invited to with `is_direct`: private content goes only
// to a DM the bot creates itself (dm.ts).
import type { MatrixContext } from './context.ts';
import { describeError } from './context.ts';
import type { EncryptionWatch } from './encryption.ts';
import type { MatrixEvent } from './filters.ts';

export interface AllowedInviters {
  users: Set<string>;
  /** Server names, from `:server` items. */
  servers: Set<string>;
  invalid: string[];
}

export function parseAllowedInviters(list: string): AllowedInviters {
  const out: AllowedInviters = { users: new Set(), servers: new Set(), invalid: [] };
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    if (/^@[^:\s]+:\S+$/.test(item)) out.users.add(item);
    else if (/^:[^:\s]\S*$/.test(item)) out.servers.add(item.slice(1).toLowerCase());
    else out.invalid.push(item);
  }
  return out;
}

export function inviterAllowed(inviter: string, allowed: AllowedInviters): boolean {
  if (allowed.users.has(inviter)) return true;
  const colon = inviter.indexOf(':');
  return colon > 0 && allowed.servers.has(inviter.slice(colon + 1).toLowerCase());
}

export function isEmpty(allowed: AllowedInviters): boolean {
  return allowed.users.size === 0 && allowed.servers.size === 0;
}

export const EMPTY_INVITERS_WARNING =
  'matrix: MATRIX_ALLOWED_INVITERS is empty, so every invite is rejected. ' +
  'Set it to a comma-separated list of users (@admin:school.edu) or servers (:school.edu) allowed to invite the bot.';

export async function handleInvite(
  ctx: MatrixContext,
  deps: { allowed: AllowedInviters; encryption: EncryptionWatch },
  roomId: string,
  ev: MatrixEvent,
): Promise<void> {
  const inviter = typeof ev.sender === 'string' ? ev.sender : '';
  if (!inviterAllowed(inviter, deps.allowed)) {
    if (isEmpty(deps.allowed)) ctx.log.warn(EMPTY_INVITERS_WARNING, { inviter, roomId });
    else ctx.log.info('matrix: rejecting an invite from someone not in MATRIX_ALLOWED_INVITERS', { inviter, roomId });
    try {
      await ctx.client.leaveRoom(roomId);
    } catch (e) {
      ctx.log.warn('matrix: could not reject an invite', { roomId, ...describeError(e) });
    }
    return;
  }
  try {
    await ctx.client.joinRoom(roomId);
  } catch (e) {
    ctx.log.warn('matrix: could not join a room I was invited to', { inviter, roomId, ...describeError(e) });
    return;
  }
  ctx.log.info('matrix: joined a room', { inviter, roomId });
  if (await deps.encryption.isEncrypted(roomId)) await deps.encryption.noticeOnce(roomId);
}
