// Room endpoints of the fake homeserver: send (idempotent per txnId), join, leave, createRoom,
// redact, state (all, or one event's content; the SDK asks `.../state/{type}/` with a trailing
// slash for the empty state key) and joined_members (`display_name`, unlike member events).
import { fail, forbidden, notFound, ok, unrecognized, type Answer, type Request } from './matrix-answers.ts';
import { errorFixture, matrixFixture, type Json } from './matrix-fixtures.ts';
import type { MatrixWorld } from './matrix-world.ts';

export interface SendLimits {
  remaining: number;
  retryAfterMs: number;
}

const txns = new WeakMap<MatrixWorld, Map<string, string>>();

/** Transaction ids already answered (a retried PUT gets the same event id back). */
function txnsOf(world: MatrixWorld): Map<string, string> {
  let seen = txns.get(world);
  if (!seen) txns.set(world, (seen = new Map()));
  return seen;
}

export function routeRoomRequest(world: MatrixWorld, req: Request, limits: SendLimits): Answer {
  const [first, roomId = '', action, a, b] = req.segments;
  const bot = world.botUserId;
  if (req.method === 'POST' && first === 'createRoom') return createRoom(world, req.json);
  if (req.method === 'POST' && first === 'join') return join(world, roomId);
  if (first !== 'rooms') return unrecognized();
  if (!world.room(roomId)) return fail(404, 'M_NOT_FOUND', 'Unknown room');
  if (req.method === 'POST' && action === 'join') return join(world, roomId);
  if (req.method === 'POST' && action === 'leave') {
    if (world.membership(roomId, bot) === undefined) return forbidden('You are not invited to this room.');
    world.setMembership(roomId, bot, 'leave');
    world.left.push(roomId);
    return ok({});
  }
  if (world.membership(roomId, bot) !== 'join') return forbidden(`User ${bot} not in room ${roomId}`);
  if (req.method === 'PUT' && action === 'send' && a && b) return send(world, roomId, a, b, req.json, limits);
  if (req.method === 'PUT' && action === 'redact' && a && b) return redact(world, roomId, a, b, req.json);
  if (req.method === 'GET' && action === 'joined_members') {
    const joined: Json = {};
    for (const userId of world.joinedMembers(roomId)) {
      joined[userId] = { display_name: world.profiles.get(userId) ?? null, avatar_url: null };
    }
    return ok({ joined });
  }
  if (req.method === 'GET' && action === 'state') {
    const room = world.room(roomId);
    if (a === undefined) return ok([...(room?.state.values() ?? [])].map((e) => ({ ...e, room_id: roomId })));
    const ev = room?.state.get(`${a}|${b ?? ''}`);
    return ev ? ok(ev.content) : notFound('Event not found.');
  }
  return unrecognized();
}

function send(world: MatrixWorld, roomId: string, type: string, txnId: string, content: Json, limits: SendLimits): Answer {
  const seen = txnsOf(world);
  const earlier = seen.get(txnId);
  if (earlier !== undefined) return ok({ event_id: earlier });
  if (limits.remaining > 0) {
    limits.remaining--;
    return { status: 429, body: errorFixture('error-M_LIMIT_EXCEEDED', { retry_after_ms: limits.retryAfterMs }) };
  }
  // Synapse refuses a relation (an edit's m.replace) to an event it does not know in the room (e.g. purged).
  const parent = (content['m.relates_to'] as Json | undefined)?.['event_id'];
  if (typeof parent === 'string' && !world.room(roomId)?.timeline.some((e) => e.event_id === parent)) {
    return fail(400, 'M_UNKNOWN', "Can't send relation to unknown event");
  }
  const ev = world.append(roomId, { type, sender: world.botUserId, content });
  seen.set(txnId, ev.event_id);
  world.sent.push({ roomId, type, txnId, eventId: ev.event_id, content });
  return ok({ ...matrixFixture('room-send-response'), event_id: ev.event_id });
}

function redact(world: MatrixWorld, roomId: string, eventId: string, txnId: string, body: Json): Answer {
  const room = world.room(roomId);
  const target = room?.timeline.find((e) => e.event_id === eventId);
  if (!room || !target) return notFound('Event not found.');
  const pl = room.state.get('m.room.power_levels|')?.content ?? {};
  const users = (pl['users'] ?? {}) as Record<string, number>;
  const level = users[world.botUserId] ?? (pl['users_default'] as number | undefined) ?? 0;
  const needed = (pl['redact'] as number | undefined) ?? 50;
  if (target.sender !== world.botUserId && level < needed) {
    return forbidden('You don\'t have permission to redact events');
  }
  const seen = txnsOf(world);
  const earlier = seen.get(`redact|${txnId}`);
  if (earlier !== undefined) return ok({ event_id: earlier });
  target.content = {};
  target['unsigned'] = { redacted_because: { reason: body['reason'] } };
  world.redactions.push({ roomId, eventId, reason: body['reason'] });
  // Room version 11 shape (the spec example): `redacts` inside content (older versions: top level).
  const template = matrixFixture('m.room.redaction');
  const ev = world.append(roomId, {
    type: String(template['type']),
    sender: world.botUserId,
    content: { ...body, redacts: eventId },
  });
  seen.set(`redact|${txnId}`, ev.event_id);
  return ok({ event_id: ev.event_id });
}

function join(world: MatrixWorld, roomId: string): Answer {
  const m = world.membership(roomId, world.botUserId);
  if (!world.room(roomId) || (m !== 'invite' && m !== 'join')) {
    return { status: 403, body: errorFixture('error-M_FORBIDDEN-join') };
  }
  if (m === 'invite') world.setMembership(roomId, world.botUserId, 'join');
  return ok({ room_id: roomId });
}

/** Synapse's presets: the state each one sets (public_chat: anyone may join). */
const PRESETS: Record<string, Json> = {
  private_chat: { join_rule: 'invite', history_visibility: 'shared', guest_access: 'can_join' },
  trusted_private_chat: { join_rule: 'invite', history_visibility: 'shared', guest_access: 'can_join' },
  public_chat: { join_rule: 'public', history_visibility: 'shared' },
};

/**
 * POST /createRoom as Synapse builds it: create, the creator's join, power levels (the spec
 * example's, the creator at 100, trusted_private_chat invitees at 100, then
 * `power_level_content_override` merged over the top), the preset's state, initial_state, invites.
 */
function createRoom(world: MatrixWorld, body: Json): Answer {
  world.createRoomRequests.push(body);
  const bot = world.botUserId;
  const invite = Array.isArray(body['invite']) ? (body['invite'] as string[]) : [];
  const name = typeof body['name'] === 'string' ? { name: body['name'] } : {};
  const roomId = world.createRoom({ members: [], creator: bot, ...name });
  const presetName = typeof body['preset'] === 'string' ? body['preset'] : body['visibility'] === 'public' ? 'public_chat' : 'private_chat';
  const preset = PRESETS[presetName] ?? {};
  const pl = world.room(roomId)?.state.get('m.room.power_levels|')?.content ?? {};
  const trusted = presetName === 'trusted_private_chat' ? Object.fromEntries(invite.map((u) => [u, 100])) : {};
  const override = (body['power_level_content_override'] ?? {}) as Json;
  const content = { ...pl, users: { ...(pl['users'] as Json), ...trusted }, ...override };
  world.append(roomId, { type: 'm.room.power_levels', sender: bot, state_key: '', content });
  const presetState: [string, Json][] = [
    ['m.room.join_rules', { join_rule: preset['join_rule'] }],
    ['m.room.history_visibility', { history_visibility: preset['history_visibility'] }],
    ...(preset['guest_access'] ? [['m.room.guest_access', { guest_access: preset['guest_access'] }] as [string, Json]] : []),
  ];
  for (const [type, c] of presetState) world.append(roomId, { type, sender: bot, state_key: '', content: c });
  for (const ev of Array.isArray(body['initial_state']) ? (body['initial_state'] as Json[]) : []) {
    world.append(roomId, {
      type: String(ev['type']),
      sender: bot,
      state_key: String(ev['state_key'] ?? ''),
      content: (ev['content'] ?? {}) as Json,
    });
  }
  const extra = body['is_direct'] === true ? { is_direct: true } : {};
  for (const userId of invite) world.setMembership(roomId, userId, 'invite', bot, extra);
  return ok({ ...matrixFixture('createRoom-response'), room_id: roomId });
}
