// The privacy rule as properties: exactly one shape of room state is private to a user; any
// change that lets someone else in (or could) makes it shared; harmless state does not matter,
// nor does the order of events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrivateDm, type StateEvent } from '../../adapters/matrix/dm-rule.ts';

const BOT = '@classbot:school.edu';
const USER = '@sam:school.edu';
const OTHERS = ['@eve:school.edu', '@eve:evil.example', '@sam:evil.example', '@SAM:school.edu'];
const member = (userId: string, membership: string, sender = userId): StateEvent => ({
  type: 'm.room.member', state_key: userId, sender, content: { membership },
});
const state = (type: string, content: Record<string, unknown>, stateKey = '', sender = BOT): StateEvent => ({
  type, state_key: stateKey, sender, content,
});

/** The one private shape: made by the bot, bot joined, the user joined or invited, invite-only. */
const privateBase = (userMembership: 'join' | 'invite'): StateEvent[] => [
  state('m.room.create', { room_version: '10' }),
  member(BOT, 'join'),
  state('m.room.power_levels', { users: { [BOT]: 100 } }),
  state('m.room.join_rules', { join_rule: 'invite' }),
  member(USER, userMembership, BOT),
];

/** State that does not let anyone else read the room. */
const harmless: fc.Arbitrary<StateEvent> = fc.oneof(
  fc.constantFrom(...OTHERS).chain((u) => fc.constantFrom('leave', 'ban').map((m) => member(u, m, BOT))),
  fc.constantFrom('shared', 'invited', 'joined').map((v) => state('m.room.history_visibility', { history_visibility: v })),
  fc.string().map((name) => state('m.room.name', { name })),
  fc.string({ minLength: 1 }).map((token) => state('m.room.third_party_invite', {}, token)), // revoked
  fc.constant(state('m.room.guest_access', { guest_access: 'can_join' })),
);

/** Changes that each make the room shared. */
const breaking: fc.Arbitrary<(s: StateEvent[]) => StateEvent[]> = fc.oneof(
  fc.tuple(fc.constantFrom(...OTHERS), fc.constantFrom('join', 'invite', 'knock')).map(([u, m]) => (s: StateEvent[]) => [...s, member(u, m, BOT)]),
  fc.constantFrom('public', 'knock', 'restricted', 'knock_restricted', 'private', '', 'Invite').map(
    (r) => (s: StateEvent[]) => [...s, state('m.room.join_rules', { join_rule: r })],
  ),
  fc.constant((s: StateEvent[]) => s.filter((e) => e.type !== 'm.room.join_rules')),
  fc.string({ minLength: 1 }).map((token) => (s: StateEvent[]) => [
    ...s,
    state('m.room.third_party_invite', { display_name: 'e…@example.org', public_key: 'abc' }, token),
  ]),
  fc.constant((s: StateEvent[]) => [...s, state('m.room.history_visibility', { history_visibility: 'world_readable' })]),
  fc.constantFrom(USER, ...OTHERS).map((creator) => (s: StateEvent[]) => [...s.filter((e) => e.type !== 'm.room.create'), state('m.room.create', {}, '', creator)]),
  fc.constant((s: StateEvent[]) => s.filter((e) => e.type !== 'm.room.create')),
  fc.constantFrom('leave', 'ban', 'invite', 'knock').map((m) => (s: StateEvent[]) => [...s, member(BOT, m)]),
  fc.constantFrom('leave', 'ban', 'knock').map((m) => (s: StateEvent[]) => [...s, member(USER, m)]),
  fc.constant((s: StateEvent[]) => s.filter((e) => e.state_key !== USER)),
);

/** Later state events of the same (type, key) replace earlier ones, as a server's current state does. */
function current(events: StateEvent[]): StateEvent[] {
  const byKey = new Map<string, StateEvent>();
  for (const e of events) byKey.set(`${e.type}|${e.state_key ?? ''}`, e);
  return [...byKey.values()];
}

const shuffled = <T>(items: T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('matrix: the DM privacy rule (properties)', () => {
  it('the private shape stays private with any harmless state, in any order', () => {
    const rooms = fc
      .tuple(fc.constantFrom('join' as const, 'invite' as const), fc.array(harmless, { maxLength: 6 }))
      .chain(([m, extra]) => shuffled(current([...privateBase(m), ...extra])));
    fc.assert(
      fc.property(rooms, (events) => {
        expect(isPrivateDm(events, BOT, USER)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('any breaking change, with any harmless state around it, makes the room shared', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('join' as const, 'invite' as const),
        fc.array(harmless, { maxLength: 4 }),
        fc.array(breaking, { minLength: 1, maxLength: 3 }),
        (m, extra, breaks) => {
          const events = current(breaks.reduce((s, b) => b(s), [...privateBase(m), ...extra]));
          expect(isPrivateDm(events, BOT, USER)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a private room is private to its user only, never to the bot itself or anyone else', () => {
    fc.assert(
      fc.property(fc.constantFrom(BOT, ...OTHERS), (someone) => !isPrivateDm(current(privateBase('join')), BOT, someone)),
      { numRuns: 50 },
    );
  });

  it('random state: private only when it is exactly the allowed shape', () => {
    const anyEvent = fc.oneof(
      fc.tuple(fc.constantFrom(BOT, USER, ...OTHERS), fc.constantFrom('join', 'invite', 'knock', 'leave', 'ban')).map(([u, m]) => member(u, m, BOT)),
      fc.constantFrom('invite', 'public', 'knock').map((r) => state('m.room.join_rules', { join_rule: r })),
      fc.constantFrom('shared', 'world_readable').map((v) => state('m.room.history_visibility', { history_visibility: v })),
      fc.constantFrom(BOT, USER).map((c) => state('m.room.create', {}, '', c)),
      fc.boolean().map((live) => state('m.room.third_party_invite', live ? { display_name: 'x' } : {}, 'tok')),
    );
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 10 }), (raw) => {
        const s = current(raw);
        const get = (type: string, key = ''): StateEvent | undefined => s.find((e) => e.type === type && e.state_key === key);
        const present = s.filter((e) => e.type === 'm.room.member' && ['join', 'invite', 'knock'].includes(String(e.content?.['membership'])));
        const allowed =
          get('m.room.create')?.sender === BOT &&
          get('m.room.member', BOT)?.content?.['membership'] === 'join' &&
          ['join', 'invite'].includes(String(get('m.room.member', USER)?.content?.['membership'])) &&
          present.length === 2 &&
          get('m.room.join_rules')?.content?.['join_rule'] === 'invite' &&
          get('m.room.history_visibility')?.content?.['history_visibility'] !== 'world_readable' &&
          Object.keys(get('m.room.third_party_invite', 'tok')?.content ?? {}).length === 0;
        expect(isPrivateDm(s, BOT, USER)).toBe(allowed);
      }),
      { numRuns: 2000 },
    );
  });
});
