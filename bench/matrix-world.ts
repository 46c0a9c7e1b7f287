// The Matrix variant's world, in the bench process: the fake homeserver (test/fakes) with one room
// per course (admin, teacher, students, the bot), its own BBB dev server, and a watch on what the
// bot sends so the bench learns when a join link reaches a student's DM (a room the bot created
// and invited that one student to, adapters/matrix/dm.ts).
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { startDevBbb, type DevBbbServer } from '../src/bbb/dev-server/index.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../test/fakes/matrix-homeserver.ts';
import type { SentEvent } from '../test/fakes/matrix-world.ts';

/** One admin per course, as in bench/world.ts (the per-user command limit). */
export const mxAdmin = (c: number): string => `@admin${c}:school.edu`;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
export const mxTeacher = (c: number): string => `@teacher${c}:school.edu`;
export const mxStudent = (c: number, s: number): string => `@student${c}-${s}:school.edu`;
export const mxCourseCode = (c: number): string => `MXBENCH${pad(c, 4)}`;

/** A message the bot sent to someone's DM: who, when (performance.now), what. */
export interface DmMessage { userId: string; at: number; body: string }

export interface MatrixBenchWorld {
  hs: FakeHomeserver;
  bbb: DevBbbServer;
  /** The class room of each course. */
  rooms: string[];
  courses: number;
  students: number;
  dbPath: string;
  storagePath: string;
  /** Called for every message the bot sends into a DM it created. */
  onDm: (m: DmMessage) => void;
  /** Requests the homeserver answered, by endpoint (`GET rooms/{id}/state`, …), since start. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

export async function startMatrixWorld(opts: { courses: number; students: number; dir: string }): Promise<MatrixBenchWorld> {
  const hs = await startFakeHomeserver();
  const world = hs.world;
  const rooms = Array.from({ length: opts.courses }, (_, c) =>
    world.createRoom({
      name: `Course ${c}`,
      botPowerLevel: 50,
      members: [
        { userId: mxAdmin(c), displayName: `Ada Admin ${c}` },
        { userId: mxTeacher(c), displayName: `Teacher ${c}` },
        ...Array.from({ length: opts.students }, (_, s) => ({ userId: mxStudent(c, s), displayName: `Student ${c}-${s}` })),
      ],
    }),
  );
  const bbb = await startDevBbb({ callbacks: false });
  const w: MatrixBenchWorld = {
    hs, bbb, rooms, ...opts,
    dbPath: join(opts.dir, 'matrix-bot.sqlite'),
    storagePath: join(opts.dir, 'matrix-sync.json'),
    onDm: () => undefined,
    requests: countRequests(new URL(hs.url).host),
    async close() {
      await hs.close();
      await bbb.close();
    },
  };
  // The DM's owner: the one member other than the bot (invited or joined) of a room the bot created.
  const owners = new Map<string, string | null>();
  const ownerOf = (roomId: string): string | null => {
    if (!owners.has(roomId)) {
      const room = world.room(roomId);
      const created = room?.state.get('m.room.create|')?.sender === world.botUserId;
      const others = [...(room?.state.values() ?? [])].filter((e) => e.type === 'm.room.member' && e.state_key !== world.botUserId);
      owners.set(roomId, created && others.length === 1 ? (others[0]!.state_key ?? null) : null);
    }
    return owners.get(roomId) ?? null;
  };
  // The fake records every send in world.sent; watching its push is how the bench sees them as they happen.
  const sent = world.sent;
  const push = sent.push.bind(sent);
  sent.push = (...items: SentEvent[]): number => {
    const at = performance.now();
    for (const s of items) {
      const userId = ownerOf(s.roomId);
      if (userId !== null) w.onDm({ userId, at, body: String(s.content['body'] ?? '') });
    }
    return push(...items);
  };
  return w;
}

/** Counts the requests to `host` by method and path, ids and names replaced by placeholders. */
function countRequests(host: string): Map<string, number> {
  const counts = new Map<string, number>();
  subscribe('http.server.request.start', (msg) => {
    const req = (msg as { request: IncomingMessage }).request;
    if (req.headers.host !== host) return;
    const path = (req.url ?? '').split('?')[0]!.replace(/^\/_matrix\/client\/v3\//, '');
    const key = `${req.method} ${path.replace(/(rooms|user|profile)\/[^/]+/, '$1/{id}').replace(/\/(send\/[^/]+|redact\/[^/]+)\/[^/]+$/, '/$1/{txn}')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

/** Environment of the Matrix bot child: production settings, Matrix only, pointed at this world. */
export function matrixBotEnv(w: MatrixBenchWorld, port: number, logLevel: string): Record<string, string> {
  return {
    MATRIX_HOMESERVER_URL: w.hs.url,
    MATRIX_ACCESS_TOKEN: w.hs.token,
    MATRIX_ALLOWED_INVITERS: ':school.edu',
    MATRIX_STORAGE_PATH: w.storagePath,
    MATRIX_ENCRYPTION: 'off', // the fake homeserver speaks no E2EE endpoints
    BBB_URL: w.bbb.url,
    BBB_SECRET: w.bbb.secret,
    DB_PATH: w.dbPath,
    BOT_ADMINS: Array.from({ length: w.courses }, (_, c) => `matrix:${mxAdmin(c)}`).join(','),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    LOG_FORMAT: 'json',
    LOG_LEVEL: logLevel,
  };
}
