// Who typed the command and where: the Invocation the core gets from a Matrix message.
import type { Invocation } from '../../src/core/types.ts';
import type { MatrixContext } from './context.ts';
import { describeError, errcodeOf } from './context.ts';

/** Power level from which a room member counts as a moderator (Element's "Moderator"). */
export const MODERATOR_POWER_LEVEL = 50;

export type MemberProfiles = Record<string, { display_name?: string | null }>;

export async function joinedMembers(ctx: MatrixContext, roomId: string): Promise<MemberProfiles> {
  const joined: unknown = await ctx.client.getJoinedRoomMembersWithProfiles(roomId);
  return typeof joined === 'object' && joined !== null ? (joined as MemberProfiles) : {};
}

export function localpart(userId: string): string {
  return userId.replace(/^@/, '').split(':')[0] ?? userId;
}

export function displayNameOf(profiles: MemberProfiles, userId: string): string {
  const name = profiles[userId]?.display_name;
  return typeof name === 'string' && name.trim() !== '' ? name : localpart(userId);
}

async function stateContent(ctx: MatrixContext, roomId: string, type: string): Promise<Record<string, unknown> | null> {
  try {
    const content: unknown = await ctx.client.getRoomStateEvent(roomId, type, '');
    return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : null;
  } catch (e) {
    if (errcodeOf(e) !== 'M_NOT_FOUND') ctx.log.warn(`matrix: could not read ${type}`, { roomId, ...describeError(e) });
    return null;
  }
}

/** users[sender] ?? users_default ?? 0 from m.room.power_levels. */
export async function powerLevel(ctx: MatrixContext, roomId: string, userId: string): Promise<number> {
  const pl = await stateContent(ctx, roomId, 'm.room.power_levels');
  if (!pl) return 0;
  const users = pl['users'];
  const own = typeof users === 'object' && users !== null ? (users as Record<string, unknown>)[userId] : undefined;
  const level = typeof own === 'number' ? own : pl['users_default'];
  return typeof level === 'number' ? level : 0;
}

export async function buildInvocation(
  ctx: MatrixContext,
  args: { roomId: string; sender: string; text: string; profiles: MemberProfiles; isDirect: boolean },
): Promise<Invocation> {
  const { roomId, sender } = args;
  const isRoomModerator = ctx.config.MATRIX_MODERATORS_ARE_TEACHERS
    ? (await powerLevel(ctx, roomId, sender)) >= MODERATOR_POWER_LEVEL
    : false;
  const nameContent = args.isDirect ? null : await stateContent(ctx, roomId, 'm.room.name');
  const name = nameContent?.['name'];
  return {
    platform: 'matrix',
    user: { id: sender, displayName: displayNameOf(args.profiles, sender), isRoomModerator },
    room: { id: roomId, ...(typeof name === 'string' ? { name } : {}), isDirect: args.isDirect },
    text: args.text,
    source: 'command',
    lookupUser: (id) => lookupUser(ctx, id),
  };
}

/** A user named in a command (`teacher add @tina:school.edu`); null when the server does not know them. */
export async function lookupUser(ctx: MatrixContext, id: string): Promise<{ id: string; displayName: string } | null> {
  if (!/^@[^:\s]+:\S+$/.test(id)) return null;
  try {
    const profile: unknown = await ctx.client.getUserProfile(id);
    const name = (profile as { displayname?: unknown } | null)?.displayname;
    return { id, displayName: typeof name === 'string' && name !== '' ? name : localpart(id) };
  } catch (e) {
    if (errcodeOf(e) === 'M_NOT_FOUND') return null;
    // Some servers only show profiles of users who share a room: the id is well-formed, keep it.
    ctx.log.warn('matrix: could not look up a user profile', { userId: id, ...describeError(e) });
    return { id, displayName: localpart(id) };
  }
}
