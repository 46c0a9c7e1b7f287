// GET /sync for the fake homeserver: the stream items after `since`, grouped like a real server
// groups them (rooms.join / rooms.invite / rooms.leave, account_data), `next_batch` = position.
import type { Json } from './matrix-fixtures.ts';
import type { MatrixWorld, StoredEvent, StreamItem } from './matrix-world.ts';

const INITIAL_TIMELINE_LIMIT = 10;

export function parseSince(since: string | null): number | null {
  if (since === null) return null;
  const m = /^s(\d+)$/.exec(since);
  return m ? Number(m[1]) : 0;
}

/** Stripped state shown with an invite (no event ids), as in the spec's sync example. */
function inviteState(world: MatrixWorld, roomId: string): Json[] {
  const room = world.room(roomId);
  if (!room) return [];
  const wanted = ['m.room.name|', 'm.room.join_rules|', 'm.room.encryption|', `m.room.member|${world.botUserId}`];
  return wanted.flatMap((key) => {
    const ev = room.state.get(key);
    return ev ? [{ type: ev.type, state_key: ev.state_key, sender: ev.sender, content: ev.content }] : [];
  });
}

function joinedRoom(state: StoredEvent[], timeline: StoredEvent[], limited: boolean): Json {
  return {
    state: { events: state },
    timeline: { events: timeline, limited, prev_batch: 'p0' },
    ephemeral: { events: [] },
    account_data: { events: [] },
  };
}

export function buildSync(world: MatrixWorld, since: number | null): Json {
  const join: Record<string, Json> = {};
  const invite: Record<string, Json> = {};
  const leave: Record<string, Json> = {};
  const accountTypes = new Set<string>();
  if (since === null) {
    for (const room of world.rooms.values()) {
      const m = world.membership(room.id, world.botUserId);
      if (m === 'invite') invite[room.id] = { invite_state: { events: inviteState(world, room.id) } };
      if (m !== 'join') continue;
      const visible = world.stream
        .filter((i): i is Extract<StreamItem, { kind: 'timeline' }> => i.kind === 'timeline' && i.roomId === room.id && i.toBot)
        .map((i) => i.event);
      const timeline = visible.slice(-INITIAL_TIMELINE_LIMIT);
      join[room.id] = joinedRoom([...room.state.values()], timeline, visible.length > timeline.length);
    }
    for (const type of world.accountData.keys()) accountTypes.add(type);
  } else {
    for (const item of world.stream) {
      if (item.pos <= since) continue;
      if (item.kind === 'account_data') accountTypes.add(item.type);
      else if (item.kind === 'invite') {
        if (world.membership(item.roomId, world.botUserId) === 'invite') {
          invite[item.roomId] = { invite_state: { events: inviteState(world, item.roomId) } };
        }
      } else if (item.botLeft) {
        leave[item.roomId] = { timeline: { events: [item.event], limited: false }, state: { events: [] } };
      } else if (item.toBot) {
        const room = (join[item.roomId] ??= joinedRoom([], [], false));
        ((room['timeline'] as Json)['events'] as StoredEvent[]).push(item.event);
      }
    }
  }
  const accountEvents = [...accountTypes].map((type) => ({ type, content: world.accountData.get(type) ?? {} }));
  return {
    next_batch: `s${world.pos}`,
    account_data: { events: accountEvents },
    presence: { events: [] },
    rooms: { join, invite, leave, knock: {} },
  };
}

/** True when a sync from `since` would carry nothing (then the server long-polls). */
export function isEmptySync(body: Json): boolean {
  const rooms = body['rooms'] as Record<string, Json>;
  const accountData = (body['account_data'] as { events: unknown[] }).events;
  return accountData.length === 0 && Object.values(rooms).every((section) => Object.keys(section).length === 0);
}
