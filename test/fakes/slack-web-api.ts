// A fake Slack Web API on loopback, answering with the documented sample responses
// (test/fixtures/slack/). It records every call with its parsed body, and also plays the
// response_url target (POST /response/<id>). Errors are HTTP 200 with ok:false, like Slack.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../fixtures/slack/', import.meta.url);
export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
const json = (name: string): Record<string, unknown> => JSON.parse(fixture(name)) as Record<string, unknown>;

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  /** replace_original as a boolean, whether it was sent as `false` or `"false"` (undefined if absent). */
  replaceOriginal: boolean | undefined;
  at: number;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

/** Fields WebClient sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'users']);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) && /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

function asBool(v: unknown): boolean | undefined {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

export class FakeSlackWebApi {
  readonly calls: ApiCall[] = [];
  readonly responsePosts: ResponseUrlPost[] = [];
  private readonly errors = new Map<string, string>();
  private readonly latency = new Map<string, number>();
  private readonly users = new Map<string, FakeUser>();
  private tsCounter = 247;
  private responseIds = 0;
  private server = createServer((req, res) => void this.route(req, res));
  private base = '';
  /** apps.connections.open answer for Socket Mode tests. */
  socketUrl: string | undefined;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url for one slash command or click. */
  newResponseUrl(): string {
    this.responseIds += 1;
    return `${this.base}/response/${this.responseIds}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Make `method` answer `{ok:false, error}` (HTTP 200) until cleared with undefined. */
  setError(method: string, error: string | undefined): void {
    if (error === undefined) this.errors.delete(method);
    else this.errors.set(method, error);
  }

  setLatency(method: string, ms: number): void {
    this.latency.set(method, ms);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  postsTo(responseUrl: string): ResponseUrlPost[] {
    const id = responseUrl.split('/').pop();
    return this.responsePosts.filter((p) => p.id === id);
  }

  /** Polls until `probe` returns something (not undefined/false), or fails after timeoutMs. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.base).pathname;
    const body = parseBody(raw, req.headers['content-type']);
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
    };
    if (path.startsWith('/response/')) {
      this.responsePosts.push({ id: path.slice('/response/'.length), body, replaceOriginal: asBool(body['replace_original']), at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    this.calls.push({ method, body, authorization: req.headers.authorization, at: Date.now() });
    const delay = this.latency.get(method);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const error = this.errors.get(method);
    if (error === 'not_in_channel') return send(200, json('error-not_in_channel.json'));
    if (error !== undefined) return send(200, { ok: false, error });
    send(200, this.answer(method, body));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1503435956.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return json('auth-test-response-bot.json');
      case 'chat.postMessage': {
        const r = json('chat-postMessage-response.json');
        const ts = this.nextTs();
        return { ...r, channel: body['channel'], ts, message: { ...(r['message'] as object), text: body['text'], blocks: body['blocks'], ts } };
      }
      case 'chat.postEphemeral':
        return { ...json('chat-postEphemeral-response.json'), message_ts: this.nextTs() };
      case 'chat.update': {
        const r = json('chat-update-response.json');
        return { ...r, channel: body['channel'], ts: body['ts'], text: body['text'], message: { ...(r['message'] as object), text: body['text'] } };
      }
      case 'views.open':
      case 'views.update': {
        const r = json('views-open-response.json');
        return { ...r, view: { ...(r['view'] as object), ...(body['view'] as object) } };
      }
      case 'users.info':
        return this.userInfo(String(body['user']));
      case 'conversations.open':
        return json('conversations-open-response.json');
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private userInfo(id: string): Record<string, unknown> {
    const u = this.users.get(id);
    if (!u) return { ok: false, error: 'user_not_found' };
    const r = json('users-info-response.json');
    const sample = r['user'] as Record<string, unknown>;
    const profile = sample['profile'] as Record<string, unknown>;
    const realName = u.realName ?? u.name;
    return {
      ...r,
      user: {
        ...sample,
        id: u.id,
        name: u.name,
        real_name: realName,
        is_admin: u.isAdmin ?? false,
        is_owner: u.isOwner ?? false,
        profile: { ...profile, real_name: realName, display_name: u.displayName ?? '', real_name_normalized: realName, display_name_normalized: u.displayName ?? '' },
      },
    };
  }
}

export async function startFakeSlackWebApi(): Promise<FakeSlackWebApi> {
  return new FakeSlackWebApi().start();
}

const JOIN_URL = /\/bigbluebutton\/api\/join/i;

/** The global rule: nothing that a whole channel can read (chat.postMessage, chat.update) carries a join link. */
export function assertNoJoinUrlInChannelPosts(api: FakeSlackWebApi): void {
  for (const c of api.calls) {
    if ((c.method === 'chat.postMessage' || c.method === 'chat.update') && JOIN_URL.test(JSON.stringify(c.body))) {
      throw new Error(`join link posted with ${c.method} to ${String(c.body['channel'])}`);
    }
  }
}
