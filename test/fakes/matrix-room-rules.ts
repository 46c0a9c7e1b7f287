// What other people do to a room, with the spec's authorization rules a real server applies
// (checked against Synapse 1.67 in test/matrix/synapse-dm.test.ts): an invite needs the
// inviter joined with power >= `invite`; a knock needs join rule `knock`; a state event (join
// rule, history visibility, third-party invite) needs power >= its level (`events[type]`, else
// `state_default`). A refused action throws, as the server answers 403 M_FORBIDDEN.
import type { Json } from './matrix-fixtures.ts';
import type { MatrixWorld, StoredEvent } from './matrix-world.ts';

export function powerOf(world: MatrixWorld, roomId: string, userId: string): number {
  const pl = world.room(roomId)?.state.get('m.room.power_levels|')?.content ?? {};
  const own = (pl['users'] as Record<string, number> | undefined)?.[userId];
  return own ?? (pl['users_default'] as number | undefined) ?? 0;
}

function levelFor(world: MatrixWorld, roomId: string, key: 'invite' | 'state', type = ''): number {
  const pl = world.room(roomId)?.state.get('m.room.power_levels|')?.content ?? {};
  if (key === 'invite') return (pl['invite'] as number | undefined) ?? 0;
  return (pl['events'] as Record<string, number> | undefined)?.[type] ?? (pl['state_default'] as number | undefined) ?? 50;
}

function refuse(what: string): never {
  throw Object.assign(new Error(`M_FORBIDDEN: ${what}`), { errcode: 'M_FORBIDDEN' });
}

/** `inviter` invites `target` (m.room.member invite, sender = inviter). */
export function invite(world: MatrixWorld, roomId: string, inviter: string, target: string): StoredEvent {
  if (world.membership(roomId, inviter) !== 'join') refuse(`${inviter} is not in the room`);
  if (powerOf(world, roomId, inviter) < levelFor(world, roomId, 'invite')) refuse(`${inviter} may not invite`);
  if (['join', 'ban'].includes(world.membership(roomId, target) ?? '')) refuse(`${target} is already in the room or banned`);
  return world.setMembership(roomId, target, 'invite', inviter);
}

/** `user` asks to be let in (m.room.member knock), only where the join rule is `knock`. */
export function knock(world: MatrixWorld, roomId: string, user: string): StoredEvent {
  const rule = world.room(roomId)?.state.get('m.room.join_rules|')?.content['join_rule'];
  if (rule !== 'knock' && rule !== 'knock_restricted') refuse('You are not allowed to knock on this room');
  if (world.membership(roomId, user) === 'join') refuse(`${user} is already in the room`);
  return world.setMembership(roomId, user, 'knock', user, { reason: 'Let me in' });
}

/** `sender` sets a state event, if their power level allows it. */
export function setState(world: MatrixWorld, roomId: string, sender: string, type: string, stateKey: string, content: Json): StoredEvent {
  if (world.membership(roomId, sender) !== 'join') refuse(`${sender} is not in the room`);
  if (powerOf(world, roomId, sender) < levelFor(world, roomId, 'state', type)) refuse(`${sender} may not send ${type}`);
  return world.append(roomId, { type, sender, state_key: stateKey, content });
}

export const setJoinRule = (world: MatrixWorld, roomId: string, sender: string, joinRule: string): StoredEvent =>
  setState(world, roomId, sender, 'm.room.join_rules', '', { join_rule: joinRule });

export const setHistoryVisibility = (world: MatrixWorld, roomId: string, sender: string, visibility: string): StoredEvent =>
  setState(world, roomId, sender, 'm.room.history_visibility', '', { history_visibility: visibility });

/**
 * An invite by e-mail through an identity server: a m.room.third_party_invite state event keyed
 * by a token (the spec's example content); the auth rules ask for the `invite` level.
 */
export function thirdPartyInvite(world: MatrixWorld, roomId: string, sender: string, email: string): StoredEvent {
  if (world.membership(roomId, sender) !== 'join') refuse(`${sender} is not in the room`);
  if (powerOf(world, roomId, sender) < levelFor(world, roomId, 'invite')) refuse(`${sender} may not invite`);
  const token = `tok${world.nextId('').replace(/[^A-Za-z0-9]/g, '')}`;
  return world.append(roomId, { type: 'm.room.third_party_invite', sender, state_key: token, content: {
    display_name: email.replace(/@.*/, '@…'),
    key_validity_url: 'https://identity.school.edu/_matrix/identity/v2/pubkey/isvalid',
    public_key: 'ZmFrZXB1YmxpY2tleQ',
    public_keys: [{ public_key: 'ZmFrZXB1YmxpY2tleQ', key_validity_url: 'https://identity.school.edu/_matrix/identity/v2/pubkey/isvalid' }],
  } });
}
