// A real homeserver for tests, when SYNAPSE_URL and SYNAPSE_REG_SECRET are set (.ci/run starts
// one): users made by shared-secret registration (Synapse's admin API: a nonce, then an
// HMAC-SHA1 over nonce, name, password and admin flag), and a small client-server API client.
import { createHmac, randomBytes } from 'node:crypto';

export const SYNAPSE_URL = process.env['SYNAPSE_URL'] ?? '';
const REG_SECRET = process.env['SYNAPSE_REG_SECRET'] ?? '';
export const HAVE_SYNAPSE = SYNAPSE_URL !== '' && REG_SECRET !== '';

export interface SynapseUser {
  userId: string;
  token: string;
  /** A client-server API call as this user; throws with the errcode on a non-2xx answer. */
  api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
}

export class MatrixApiError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
  ) {
    super(`${status} ${errcode}: ${message}`);
  }
}

async function call(token: string | null, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${SYNAPSE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new MatrixApiError(res.status, String(json['errcode']), String(json['error']));
  return json;
}

/** A new user with a unique name (the server keeps users between runs). */
export async function registerUser(name: string): Promise<SynapseUser> {
  const username = `${name}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const password = randomBytes(16).toString('hex');
  const { nonce } = (await call(null, 'GET', '/_synapse/admin/v1/register')) as { nonce: string };
  const mac = createHmac('sha1', REG_SECRET).update([nonce, username, password, 'notadmin'].join('\x00')).digest('hex');
  const r = await call(null, 'POST', '/_synapse/admin/v1/register', { nonce, username, password, admin: false, mac });
  const token = String(r['access_token']);
  return { userId: String(r['user_id']), token, api: (method, path, body) => call(token, method, path, body) };
}

const enc = encodeURIComponent;
let txn = 0;

/** Client-server API paths used by the tests. */
export const paths = {
  createRoom: '/_matrix/client/v3/createRoom',
  join: (roomId: string) => `/_matrix/client/v3/join/${enc(roomId)}`,
  knock: (roomId: string) => `/_matrix/client/v3/knock/${enc(roomId)}`,
  leave: (roomId: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/leave`,
  invite: (roomId: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/invite`,
  state: (roomId: string, type?: string, key = '') =>
    `/_matrix/client/v3/rooms/${enc(roomId)}/state${type === undefined ? '' : `/${enc(type)}/${enc(key)}`}`,
  send: (roomId: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/t${Date.now()}x${++txn}`,
  event: (roomId: string, eventId: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(eventId)}`,
  messages: (roomId: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=100`,
};

/** Bodies of the m.room.message events `sender` sent in the room, oldest first (read as `reader`). */
export async function messagesFrom(reader: SynapseUser, roomId: string, sender: string): Promise<Record<string, unknown>[]> {
  const r = await reader.api('GET', paths.messages(roomId));
  const chunk = (r['chunk'] ?? []) as { type: string; sender: string; content: Record<string, unknown> }[];
  return chunk
    .filter((e) => e.type === 'm.room.message' && e.sender === sender)
    .map((e) => e.content)
    .reverse();
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
