// The state behind the fake homeserver: rooms (current state + timeline), profiles, the bot's
// account data, and one ordered stream that /sync reads from. Tests shape it with the helpers
// at the bottom (rooms, messages, invites, duplicate deliveries) and read what the bot did.
import { eventFromFixture, matrixFixture, type Json } from './matrix-fixtures.ts';

export interface StoredEvent extends Json {
  event_id: string;
  type: string;
  sender: string;
  origin_server_ts: number;
  content: Json;
  state_key?: string;
}

export interface Room {
  id: string;
  state: Map<string, StoredEvent>;
  timeline: StoredEvent[];
}

export type StreamItem =
  | { pos: number; kind: 'timeline'; roomId: string; event: StoredEvent; toBot: boolean; botLeft: boolean }
  | { pos: number; kind: 'invite'; roomId: string; inviter: string; isDirect: boolean }
  | { pos: number; kind: 'account_data'; type: string };

type WithoutPos<T> = T extends unknown ? Omit<T, 'pos'> : never;

export interface SentEvent {
  roomId: string;
  type: string;
  txnId: string;
  eventId: string;
  content: Json;
}

export interface MemberSpec {
  userId: string;
  displayName?: string;
  powerLevel?: number;
}

export class MatrixWorld {
  readonly rooms = new Map<string, Room>();
  readonly profiles = new Map<string, string>();
  readonly accountData = new Map<string, Json>();
  readonly stream: StreamItem[] = [];
  /** What the bot did, for assertions. */
  readonly sent: SentEvent[] = [];
  readonly redactions: { roomId: string; eventId: string; reason: unknown }[] = [];
  readonly createRoomRequests: Json[] = [];
  readonly syncRequests: { since: string | null; timeout: number }[] = [];
  readonly uploads: { filename: string | null; contentType: string; data: Buffer; mxc: string }[] = [];
  readonly left: string[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly serverName: string,
    readonly botUserId: string,
  ) {}

  get pos(): number {
    return this.stream.length === 0 ? 0 : (this.stream[this.stream.length - 1]?.pos ?? 0);
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.seq}x${Date.now().toString(36)}:${this.serverName}`;
  }

  room(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  membership(roomId: string, userId: string): string | undefined {
    const m = this.rooms.get(roomId)?.state.get(`m.room.member|${userId}`)?.content['membership'];
    return typeof m === 'string' ? m : undefined;
  }

  joinedMembers(roomId: string): string[] {
    const room = this.rooms.get(roomId);
    if (!room) return [];
    return [...room.state.values()]
      .filter((e) => e.type === 'm.room.member' && e.content['membership'] === 'join')
      .map((e) => e.state_key ?? '');
  }

  push(item: WithoutPos<StreamItem>): void {
    this.stream.push({ ...item, pos: this.pos + 1 } as StreamItem);
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when the stream grows, or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Appends an event to a room's timeline (and state, for a state event) and to the stream. */
  append(roomId: string, partial: Partial<StoredEvent> & { type: string; sender: string; content: Json }): StoredEvent {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`no room ${roomId}`);
    const ev: StoredEvent = {
      event_id: this.nextId('$ev'),
      origin_server_ts: Date.now(),
      unsigned: { age: 0 },
      ...partial,
    };
    room.timeline.push(ev);
    if (ev.state_key !== undefined) room.state.set(`${ev.type}|${ev.state_key}`, ev);
    const isBotMember = ev.type === 'm.room.member' && ev.state_key === this.botUserId;
    const botLeft = isBotMember && ev.content['membership'] !== 'join' && ev.content['membership'] !== 'invite';
    const toBot = this.membership(roomId, this.botUserId) === 'join';
    this.push({ kind: 'timeline', roomId, event: ev, toBot, botLeft });
    return ev;
  }

  setMembership(roomId: string, userId: string, membership: string, sender = userId, extra: Json = {}): StoredEvent {
    const displayname = this.profiles.get(userId);
    return this.append(roomId, {
      type: 'm.room.member',
      sender,
      state_key: userId,
      content: { membership, ...(displayname ? { displayname } : {}), ...extra },
    });
  }

  // ---- helpers for tests ---------------------------------------------------------------------

  addUser(userId: string, displayName: string): void {
    this.profiles.set(userId, displayName);
  }

  /** A room where the members (and, unless told otherwise, the bot) have joined. */
  createRoom(opts: {
    name?: string;
    members: MemberSpec[];
    encrypted?: boolean;
    botJoined?: boolean;
    creator?: string;
    botPowerLevel?: number;
  }): string {
    const id = this.nextId('!room');
    const room: Room = { id, state: new Map(), timeline: [] };
    this.rooms.set(id, room);
    const creator = opts.creator ?? opts.members[0]?.userId ?? this.botUserId;
    const users: Json = { [creator]: 100 };
    for (const m of opts.members) {
      if (m.displayName) this.addUser(m.userId, m.displayName);
      if (m.powerLevel !== undefined) users[m.userId] = m.powerLevel;
    }
    if (opts.botPowerLevel !== undefined) users[this.botUserId] = opts.botPowerLevel;
    this.append(id, { type: 'm.room.create', sender: creator, state_key: '', content: { creator, room_version: '10' } });
    const pl = matrixFixture('m.room.power_levels')['content'] as Json;
    this.append(id, { type: 'm.room.power_levels', sender: creator, state_key: '', content: { ...pl, users } });
    if (opts.name) this.append(id, { type: 'm.room.name', sender: creator, state_key: '', content: { name: opts.name } });
    if (opts.encrypted) {
      const enc = matrixFixture('m.room.encryption')['content'] as Json;
      this.append(id, { type: 'm.room.encryption', sender: creator, state_key: '', content: enc });
    }
    for (const m of opts.members) this.setMembership(id, m.userId, 'join');
    if (opts.botJoined !== false) this.setMembership(id, this.botUserId, 'join');
    return id;
  }

  /** A user types a message (m.text, from the spec example). Returns its event id. */
  sendText(
    roomId: string,
    sender: string,
    body: string,
    opts: { formattedBody?: string; msgtype?: string; ts?: number; content?: Json } = {},
  ): string {
    const template = eventFromFixture('m.room.message', {});
    const content: Json = { ...(template['content'] as Json), body, msgtype: opts.msgtype ?? 'm.text', ...opts.content };
    if (opts.formattedBody === undefined) {
      delete content['format'];
      delete content['formatted_body'];
    } else content['formatted_body'] = opts.formattedBody;
    const ts = opts.ts === undefined ? {} : { origin_server_ts: opts.ts };
    return this.append(roomId, { type: 'm.room.message', sender, content, ...ts }).event_id;
  }

  /** Delivers an event once more (same event id), as a retried sync can. */
  redeliver(roomId: string, eventId: string): void {
    const ev = this.rooms.get(roomId)?.timeline.find((e) => e.event_id === eventId);
    if (!ev) throw new Error(`no event ${eventId}`);
    this.push({ kind: 'timeline', roomId, event: ev, toBot: true, botLeft: false });
  }

  /** `inviter` creates a room and invites the bot. Returns the room id. */
  inviteBot(opts: { inviter: string; name?: string; isDirect?: boolean; encrypted?: boolean; members?: MemberSpec[] }): string {
    const members = opts.members ?? [{ userId: opts.inviter }];
    const roomId = this.createRoom({
      members,
      creator: opts.inviter,
      botJoined: false,
      ...(opts.name ? { name: opts.name } : {}),
      ...(opts.encrypted ? { encrypted: true } : {}),
    });
    // The spec's invite example, made real: sender = inviter, state_key = the bot; `is_direct`
    // is what a server adds for an invite made by createRoom with is_direct.
    const { reason } = matrixFixture('m.room.member-invite')['content'] as Json;
    const extra = { reason, ...(opts.isDirect ? { is_direct: true } : {}) };
    this.setMembership(roomId, this.botUserId, 'invite', opts.inviter, extra);
    this.push({ kind: 'invite', roomId, inviter: opts.inviter, isDirect: opts.isDirect === true });
    return roomId;
  }

  setBotAccountData(type: string, content: Json): void {
    this.accountData.set(type, content);
    this.push({ kind: 'account_data', type });
  }

  /** Everything the bot sent, optionally only in one room. */
  sentBy(roomId?: string): SentEvent[] {
    return this.sent.filter((s) => roomId === undefined || s.roomId === roomId);
  }
}
