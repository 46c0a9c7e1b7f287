// Starts the real Matrix adapter (matrix-bot-sdk over loopback HTTP) against the fake
// homeserver, with the fake core. Closing checks the rules that hold in every test: no join
// URL in any event sent to a shared room, no access token and no join URL in the logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../adapters/matrix/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { memoryLogger } from '../../src/log.ts';
import { classScript, createFakeMatrixApp, JOIN_URL_BASE, type FakeMatrixApp, type Script } from '../fakes/matrix-fake-app.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fakes/matrix-homeserver.ts';
import type { MatrixWorld } from '../fakes/matrix-world.ts';

export const TINA = '@tina:school.edu';
export const SAM = '@sam:school.edu';
export const ADMIN = '@admin:school.edu';

export interface Harness {
  hs: FakeHomeserver;
  world: MatrixWorld;
  app: FakeMatrixApp;
  log: ReturnType<typeof memoryLogger>;
  config: Config;
  adapter: MatrixAdapter;
  /** Stops the adapter and starts a new one on the same storage file and app state. */
  restart(): Promise<MatrixAdapter>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { env?: Record<string, string>; script?: Script; start?: boolean; keys?: 'absent' | 'refuse-upload' } = {},
): Promise<Harness> {
  const hs = await startFakeHomeserver({ keys: opts.keys ?? 'absent' });
  const dir = mkdtempSync(join(tmpdir(), 'bbb-matrix-'));
  const config = loadConfig({
    DB_PATH: join(dir, 'bot.sqlite'),
    MATRIX_HOMESERVER_URL: hs.url,
    MATRIX_ACCESS_TOKEN: hs.token,
    MATRIX_ALLOWED_INVITERS: ':school.edu',
    MATRIX_ENCRYPTION: 'off', // the fake homeserver speaks no E2EE endpoints
    ...opts.env,
  });
  const app = createFakeMatrixApp(opts.script ?? classScript);
  const log = memoryLogger();
  const h: Harness = {
    hs,
    world: hs.world,
    app,
    log,
    config,
    adapter: await createMatrixAdapter({ app, config, log }),
    async restart() {
      await h.adapter.stop();
      h.adapter = await createMatrixAdapter({ app, config, log });
      await h.adapter.start();
      return h.adapter;
    },
    async close() {
      if (process.env['MATRIX_TEST_LOGS']) console.log(log.lines.join('\n')); // debugging aid
      await h.adapter.stop();
      await hs.close();
      rmSync(dir, { recursive: true, force: true });
      expectNoJoinUrlInSharedRooms(hs.world);
      const logs = log.lines.join('\n');
      expect(logs).not.toContain(hs.token);
      expect(logs).not.toContain(JOIN_URL_BASE);
    },
  };
  if (opts.start !== false) await h.adapter.start();
  return h;
}

/**
 * A room is private to one user when the bot created it, nobody but the bot and that user has
 * joined, been invited or knocked, it is invite-only, no third-party invite is pending and its
 * history is not world-readable. Written apart from the adapter's rule, to check it.
 */
export function isPrivateRoom(world: MatrixWorld, roomId: string): boolean {
  const room = world.room(roomId);
  if (!room) return false;
  const state = [...room.state.values()];
  const people = state
    .filter((e) => e.type === 'm.room.member' && ['join', 'invite', 'knock'].includes(String(e.content['membership'])))
    .map((e) => e.state_key)
    .filter((u) => u !== world.botUserId);
  const content = (type: string, key: string): unknown => room.state.get(`${type}|`)?.content[key];
  return (
    people.length <= 1 &&
    room.state.get('m.room.create|')?.sender === world.botUserId &&
    content('m.room.join_rules', 'join_rule') === 'invite' &&
    content('m.room.history_visibility', 'history_visibility') !== 'world_readable' &&
    !state.some((e) => e.type === 'm.room.third_party_invite' && Object.keys(e.content).length > 0)
  );
}

export function expectNoJoinUrlInSharedRooms(world: MatrixWorld): void {
  for (const sent of world.sent) {
    if (isPrivateRoom(world, sent.roomId)) continue;
    expect(JSON.stringify(sent.content), `event sent to shared room ${sent.roomId}`).not.toMatch(/\/api\/join\?|join-moderator|join-viewer/);
  }
}

export async function until(check: () => boolean, what = 'condition', timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** A shared class room: tina (teacher, creator), sam (student) and the bot (moderator unless told). */
export function classRoom(world: MatrixWorld, opts: { encrypted?: boolean; tinaLevel?: number; botLevel?: number } = {}): string {
  return world.createRoom({
    name: 'Algebra',
    botPowerLevel: opts.botLevel ?? 50,
    members: [
      { userId: TINA, displayName: 'Tina Teacher', ...(opts.tinaLevel === undefined ? {} : { powerLevel: opts.tinaLevel }) },
      { userId: SAM, displayName: 'Sam Student' },
    ],
    ...(opts.encrypted ? { encrypted: true } : {}),
  });
}

/** A room that `userId` made with only the bot in it (both joined): a shared room to the bot. */
export function userMadeDm(world: MatrixWorld, userId: string, displayName: string): string {
  return world.createRoom({ members: [{ userId, displayName }] });
}

/**
 * The DM the bot makes for `userId` (through the adapter, as its first private message does:
 * it sends "Welcome."), accepted by the user. The adapter must be started.
 */
export async function botDm(h: Harness, userId: string, displayName: string): Promise<string> {
  h.world.addUser(userId, displayName);
  await h.adapter.messenger.sendToUser(userId, { audience: 'user', text: 'Welcome.' });
  const roomId = h.app.state.get('matrix-dm', userId);
  if (roomId === undefined) throw new Error('the bot recorded no DM');
  h.world.setMembership(roomId, userId, 'join');
  return roomId;
}

export function bodies(world: MatrixWorld, roomId: string): string[] {
  return world.sentBy(roomId).map((s) => String(s.content['body']));
}
