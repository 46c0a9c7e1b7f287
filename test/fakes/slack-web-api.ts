// A fake Slack Web API on loopback, answering with the documented sample responses
// (test/fixtures/slack/). It records every call with its parsed body, and also plays the
// response_url target (POST /response/<id>) and the upload URL of the file upload flow
// (files.getUploadURLExternal -> POST /upload/v1/<file id> -> files.completeUploadExternal).
// Errors are HTTP 200 with ok:false, like Slack.
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

/** Bytes POSTed to an upload URL handed out by files.getUploadURLExternal. */
export interface FileUploadPost {
  fileId: string;
  /** filename and length as announced to files.getUploadURLExternal. */
  filename: string;
  declaredLength: number;
  /** The file's bytes: the raw body, or the file part of a multipart/form-data body. */
  bytes: Buffer;
  /** The request's content-type (multipart/form-data for @slack/web-api's uploadV2). */
  contentType: string | undefined;
  /** Name of the multipart field and its filename, when multipart. */
  field?: string;
  partFilename?: string;
  at: number;
}

/** A files.completeUploadExternal call, decoded. */
export interface CompletedUpload {
  files: Array<{ id: string; title?: string }>;
  /** undefined: the file stays private to the uploader (no channel). */
  channelId: string | undefined;
  channels: string | undefined;
  initialComment: string | undefined;
  /** Bytes of each file, by id, as uploaded. */
  bytes: Map<string, Buffer>;
  at: number;
}

interface PendingUpload {
  filename: string;
  length: number;
  bytes?: Buffer;
  completed: boolean;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** users.info answers it as `locale` only when asked with include_locale=true, as Slack does. */
  locale?: string;
  /** users.info's `tz` (the sample's America/Los_Angeles when not set). */
  tz?: string;
}

/** Fields WebClient sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'users', 'files']);

/** Scopes a method needs, for a faithful missing_scope answer (`needed`). */
const NEEDED_SCOPE: Record<string, string> = {
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
};
const GRANTED_SCOPES = 'commands,chat:write,users:read,im:write';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface FilePart {
  bytes: Buffer;
  field?: string;
  filename?: string;
}

/** The file in an upload body: "raw bytes or multipart form encoded" (files.getUploadURLExternal docs). */
function uploadedFile(raw: Buffer, contentType: string | undefined): FilePart {
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!boundary) return { bytes: raw };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FilePart[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    if (raw.subarray(from, from + 2).toString() === '--') break; // closing delimiter
    const next = raw.indexOf(delimiter, from);
    if (next === -1) break;
    const part = raw.subarray(from + 2, next - 2); // after CRLF, before the CRLF that precedes the delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const field = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ bytes: Buffer.from(part.subarray(headerEnd + 4)), ...(field !== undefined ? { field } : {}), ...(filename !== undefined ? { filename } : {}) });
    }
    start = next;
  }
  const file = parts.find((p) => p.filename !== undefined) ?? parts[0];
  if (!file) throw new Error('multipart body without parts');
  return file;
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
  /** Bytes POSTed to upload URLs. */
  readonly fileUploads: FileUploadPost[] = [];
  /** files.completeUploadExternal calls that succeeded. */
  readonly completedUploads: CompletedUpload[] = [];
  /** HTTP status of the upload URL (Slack: 200 on success, anything else is a failure). */
  uploadStatus = 200;
  private readonly pendingUploads = new Map<string, PendingUpload>();
  private readonly directChannels = new Map<string, string>();
  /** DM ids this fake handed out with conversations.open: only that user and the bot read them. */
  readonly openedDirectChannels = new Set<string>();
  private fileCounter = 0;
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

  /** conversations.open with this user answers this DM id (default: the sample's D069C7QFK). */
  setDirectChannel(userId: string, channelId: string): void {
    this.directChannels.set(userId, channelId);
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
    const rawBytes = await readBody(req);
    const path = new URL(req.url ?? '/', this.base).pathname;
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
    };
    if (path.startsWith('/upload/v1/')) return this.upload(path.slice('/upload/v1/'.length), rawBytes, req, res);
    const raw = rawBytes.toString('utf8');
    const body = parseBody(raw, req.headers['content-type']);
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
    if (error === 'missing_scope') return send(200, { ok: false, error, needed: NEEDED_SCOPE[method] ?? '', provided: GRANTED_SCOPES });
    if (error !== undefined) return send(200, { ok: false, error });
    send(200, this.answer(method, body));
  }

  /** The upload URL: takes the bytes, HTTP 200 when they arrived (Slack answers `OK - <size>`). */
  private upload(fileId: string, raw: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const pending = this.pendingUploads.get(fileId);
    if (req.method !== 'POST' || !pending || pending.completed) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (this.uploadStatus !== 200) {
      res.writeHead(this.uploadStatus, { 'content-type': 'text/plain' }).end('upload failed');
      return;
    }
    const contentType = req.headers['content-type'];
    const part = uploadedFile(raw, contentType);
    pending.bytes = part.bytes;
    this.fileUploads.push({
      fileId,
      filename: pending.filename,
      declaredLength: pending.length,
      bytes: part.bytes,
      contentType,
      ...(part.field !== undefined ? { field: part.field } : {}),
      ...(part.filename !== undefined ? { partFilename: part.filename } : {}),
      at: Date.now(),
    });
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`OK - ${part.bytes.length}`);
  }

  private getUploadUrl(body: Record<string, unknown>): Record<string, unknown> {
    const filename = typeof body['filename'] === 'string' ? body['filename'] : '';
    const length = Number(body['length']);
    if (!filename || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
    this.fileCounter += 1;
    const fileId = `F0UPL${String(this.fileCounter).padStart(6, '0')}`;
    this.pendingUploads.set(fileId, { filename, length, completed: false });
    return { ok: true, upload_url: `${this.base}/upload/v1/${fileId}`, file_id: fileId };
  }

  private completeUpload(body: Record<string, unknown>): Record<string, unknown> {
    const files = body['files'];
    if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
    const bytes = new Map<string, Buffer>();
    const answer: Array<{ id: string; title: string }> = [];
    for (const f of files as Array<{ id?: unknown; title?: unknown }>) {
      const id = typeof f.id === 'string' ? f.id : '';
      const pending = this.pendingUploads.get(id);
      // Not handed out, never uploaded, or already completed ("This method can only be called once").
      // (The fake's choice of error code; tests only rely on ok:false.)
      if (!pending || pending.bytes === undefined || pending.completed) return { ok: false, error: 'file_not_found' };
      bytes.set(id, pending.bytes);
      answer.push({ id, title: typeof f.title === 'string' && f.title ? f.title : pending.filename });
    }
    for (const id of bytes.keys()) this.pendingUploads.get(id)!.completed = true;
    const str = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    this.completedUploads.push({
      files: answer,
      channelId: str('channel_id'),
      channels: str('channels'),
      initialComment: str('initial_comment'),
      bytes,
      at: Date.now(),
    });
    return { ok: true, files: answer };
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
        return this.userInfo(String(body['user']), asBool(body['include_locale']) === true);
      case 'conversations.open': {
        const r = json('conversations-open-response.json');
        const dm = this.directChannels.get(String(body['users']));
        const answer = dm ? { ...r, channel: { ...(r['channel'] as object), id: dm } } : r;
        this.openedDirectChannels.add(String((answer['channel'] as { id?: unknown }).id));
        return answer;
      }
      case 'files.getUploadURLExternal':
        return this.getUploadUrl(body);
      case 'files.completeUploadExternal':
        return this.completeUpload(body);
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private userInfo(id: string, includeLocale: boolean): Record<string, unknown> {
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
        ...(includeLocale ? { locale: u.locale ?? 'en-US' } : {}),
        ...(u.tz ? { tz: u.tz } : {}),
        profile: { ...profile, real_name: realName, display_name: u.displayName ?? '', real_name_normalized: realName, display_name_normalized: u.displayName ?? '' },
      },
    };
  }
}

export async function startFakeSlackWebApi(): Promise<FakeSlackWebApi> {
  return new FakeSlackWebApi().start();
}

const JOIN_URL = /\/bigbluebutton\/api\/join/i;

/**
 * The global rule: nothing that a whole channel can read (chat.postMessage, chat.update) carries a
 * join link. A DM opened with conversations.open (the user and the bot only) is where notify-me
 * sends a student their own link, so it is not a channel.
 */
export function assertNoJoinUrlInChannelPosts(api: FakeSlackWebApi): void {
  for (const c of api.calls) {
    if (c.method !== 'chat.postMessage' && c.method !== 'chat.update') continue;
    const channel = String(c.body['channel']);
    if (api.openedDirectChannels.has(channel)) continue;
    if (JOIN_URL.test(JSON.stringify(c.body))) throw new Error(`join link posted with ${c.method} to ${channel}`);
  }
}
