// The rule that decides whether a room is private to one user: only such a room may carry join
// links, secrets and reports. It reads the room's full current state (GET /rooms/{id}/state), so
// invited, knocking and third-party-invited people count, not only those who have joined.

export interface StateEvent {
  type: string;
  state_key?: string;
  sender?: string;
  content?: Record<string, unknown>;
}

/** Memberships that give someone the room's messages now or as soon as they accept. */
const PRESENT = new Set(['join', 'invite', 'knock']);

function stateContent(state: readonly StateEvent[], type: string): Record<string, unknown> | undefined {
  return state.find((e) => e.type === type && e.state_key === '')?.content;
}

/**
 * True only when the bot created the room (m.room.create sent by the bot), the people in
 * join/invite/knock are exactly the bot (joined) and `userId` (joined or invited), the join rule
 * is `invite`, no third-party invite is pending, and history is not `world_readable`.
 */
export function isPrivateDm(state: readonly StateEvent[], botUserId: string, userId: string): boolean {
  if (botUserId === userId) return false;
  const create = state.filter((e) => e.type === 'm.room.create' && e.state_key === '');
  if (create.length !== 1 || create[0]?.sender !== botUserId) return false;
  const present = new Map<string, string>();
  for (const e of state) {
    if (e.type !== 'm.room.member' || typeof e.state_key !== 'string') continue;
    const membership = e.content?.['membership'];
    if (typeof membership === 'string' && PRESENT.has(membership)) present.set(e.state_key, membership);
  }
  if (present.size !== 2 || present.get(botUserId) !== 'join') return false;
  const theirs = present.get(userId);
  if (theirs !== 'join' && theirs !== 'invite') return false;
  if (stateContent(state, 'm.room.join_rules')?.['join_rule'] !== 'invite') return false;
  const pendingThirdParty = state.some(
    (e) => e.type === 'm.room.third_party_invite' && Object.keys(e.content ?? {}).length > 0,
  );
  if (pendingThirdParty) return false;
  return stateContent(state, 'm.room.history_visibility')?.['history_visibility'] !== 'world_readable';
}

/** Without end-to-end encryption (MATRIX_ENCRYPTION=off, or broken) an encrypted DM is of no use. */
export function isEncryptedState(state: readonly StateEvent[]): boolean {
  return state.some((e) => e.type === 'm.room.encryption' && e.state_key === '');
}

/**
 * The power levels of a DM the bot creates: only the bot (100) may invite, kick, ban or change
 * any state (join rule, history visibility, third-party invites), so the user cannot make the
 * room public behind the bot's back; both may talk.
 */
export function dmPowerLevels(botUserId: string): Record<string, unknown> {
  return {
    users: { [botUserId]: 100 },
    users_default: 0,
    events_default: 0,
    state_default: 100,
    invite: 100,
    kick: 100,
    ban: 100,
    redact: 100,
    notifications: { room: 100 },
  };
}
