// A fake Matrix homeserver on loopback HTTP (node:http) speaking the client-server endpoints
// matrix-bot-sdk 0.7 uses for this bot (/_matrix/client/v3/...), with Bearer auth and errors as
// `{errcode, error}` bodies. Tests drive it through `world` (see matrix-world.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, notFound, ok, unrecognized, type Answer, type Request } from './matrix-answers.ts';
import { matrixFixture } from './matrix-fixtures.ts';
import { buildSync, isEmptySync, parseSince } from './matrix-sync.ts';
import { MatrixWorld } from './matrix-world.ts';
import { routeRoomRequest } from './matrix-homeserver-rooms.ts';

export interface FakeHomeserver {
  url: string;
  token: string;
  botUserId: string;
  world: MatrixWorld;
  /** The next `count` sends answer 429 M_LIMIT_EXCEEDED (the spec example, with `retryAfterMs`). */
  rateLimitNextSends(count: number, retryAfterMs?: number): void;
  close(): Promise<void>;
}

export async function startFakeHomeserver(
  opts: {
    serverName?: string;
    botLocalpart?: string;
    botDisplayName?: string;
    token?: string;
    maxPollMs?: number;
    /** E2EE key endpoints: absent (the default: M_UNRECOGNIZED), or a server that knows no keys and refuses uploads. */
    keys?: 'absent' | 'refuse-upload';
  } = {},
): Promise<FakeHomeserver> {
  const serverName = opts.serverName ?? 'school.edu';
  const botUserId = `@${opts.botLocalpart ?? 'classbot'}:${serverName}`;
  const token = opts.token ?? 'syt_fake_matrix_access_token_0001';
  const maxPollMs = opts.maxPollMs ?? 150;
  const world = new MatrixWorld(serverName, botUserId);
  world.addUser(botUserId, opts.botDisplayName ?? 'Class Bot');
  const limits = { remaining: 0, retryAfterMs: 50 };

  const client = async (req: Request): Promise<Answer> => {
    const [first, ...rest] = req.segments;
    const key = `${req.method} ${first ?? ''}`;
    switch (key) {
      case 'GET account':
        return ok({ ...matrixFixture('whoami-response'), user_id: botUserId });
      case 'GET joined_rooms':
        return ok({
          ...matrixFixture('joined-rooms-response'),
          joined_rooms: [...world.rooms.keys()].filter((r) => world.membership(r, botUserId) === 'join'),
        });
      case 'GET sync':
        return sync(req);
      case 'GET profile': {
        const name = world.profiles.get(rest[0] ?? '');
        return name === undefined ? fail(404, 'M_NOT_FOUND', 'Profile was not found.') : ok({ displayname: name });
      }
      case 'GET user':
      case 'PUT user':
        return accountData(req, rest);
      case 'POST keys':
        if (opts.keys !== 'refuse-upload') return unrecognized();
        return rest[0] === 'query' ? ok({ device_keys: {}, failures: {} }) : fail(500, 'M_UNKNOWN', 'Key upload refused (fake)');
      default:
        return routeRoomRequest(world, req, limits);
    }
  };

  const sync = async (req: Request): Promise<Answer> => {
    const since = parseSince(req.query.get('since'));
    const timeout = Number(req.query.get('timeout') ?? 0);
    world.syncRequests.push({ since: req.query.get('since'), timeout });
    let body = buildSync(world, since);
    if (since !== null && isEmptySync(body) && timeout > 0) {
      await world.waitForChange(Math.min(timeout, maxPollMs));
      body = buildSync(world, since);
    }
    return ok(body);
  };

  const accountData = (req: Request, rest: string[]): Answer => {
    const [userId, what, type] = rest;
    if (what !== 'account_data' || type === undefined) return unrecognized();
    if (userId !== botUserId) return fail(403, 'M_FORBIDDEN', 'Cannot access account data for other users.');
    if (req.method === 'PUT') {
      world.setBotAccountData(type, req.json);
      return ok({});
    }
    const content = world.accountData.get(type);
    return content === undefined ? notFound('Account data not found.') : ok(content);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    let answer: Answer;
    if (url.pathname === '/_matrix/client/versions') answer = ok({ versions: ['v1.1', 'v1.5', 'v1.11'] });
    else if (!authorised(req, url, token)) {
      answer = req.headers.authorization
        ? fail(401, 'M_UNKNOWN_TOKEN', 'Unrecognised access token.')
        : fail(401, 'M_MISSING_TOKEN', 'Missing access token.');
    } else {
      const request = toRequest(req, url, raw);
      if (url.pathname.startsWith('/_matrix/client/v3/')) answer = await client(request);
      else if (req.method === 'POST' && url.pathname === '/_matrix/media/v3/upload') {
        const mxc = `mxc://${serverName}/${world.nextId('m').replace(/[^A-Za-z0-9]/g, '')}`;
        world.uploads.push({ filename: url.searchParams.get('filename'), contentType: request.contentType, data: raw, mxc });
        answer = ok({ content_uri: mxc });
      } else answer = unrecognized();
    }
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errcode: 'M_UNKNOWN', error: String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    botUserId,
    world,
    rateLimitNextSends(count, retryAfterMs = 50) {
      limits.remaining = count;
      limits.retryAfterMs = retryAfterMs;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization;
  if (header !== undefined) return header === `Bearer ${token}`;
  return url.searchParams.get('access_token') === token;
}

function toRequest(req: IncomingMessage, url: URL, raw: Buffer): Request {
  const prefix = url.pathname.startsWith('/_matrix/client/v3/') ? '/_matrix/client/v3/' : '/';
  const segments = url.pathname.slice(prefix.length).split('/').map(decodeURIComponent);
  const contentType = req.headers['content-type'] ?? '';
  let json: Request['json'] = {};
  if (contentType.startsWith('application/json') && raw.length > 0) json = JSON.parse(raw.toString('utf8')) as Request['json'];
  return { method: req.method ?? 'GET', segments, query: url.searchParams, json, raw, contentType };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
