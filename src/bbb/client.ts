// The BigBlueButton API client. Every HTTP call goes through #call (the single chokepoint):
// sign -> fetch with timeout -> (retry reads on transport failures) -> parse XML -> returncode
// -> messageKey -> zod. Errors never carry the secret or a signed URL: a checksum in a URL is a
// credential for that call, so URLs are never put into messages, and server texts are scrubbed.
import type { z } from 'zod';
import { signedQuery } from './checksum.ts';
import { classroomCreatePairs, clientUserdata } from './classroom-params.ts';
import { BodyTooLargeError, readCapped } from './body.ts';
import {
  BbbApiError, BbbError, BbbHttpError, BbbInvalidResponseError, BbbResponseTooLargeError, BbbTimeoutError,
  BbbUnreachableError,
} from './errors.ts';
import * as schema from './schemas.ts';
import { normalizeServerUrl } from './server-url.ts';
import type {
  ApiVersion, BbbApi, BbbClientOptions, ChecksumAlgorithm, CreatedMeeting, CreateMeetingParams,
  JoinUrlParams, MeetingInfo, Recording, RecordingQuery,
} from './types.ts';
import { parseResponseXml } from './xml.ts';

type Params = [string, string][];
type Value = string | number | boolean | undefined;

/** Idempotent calls: safe to repeat after a timeout or a 5xx (a repeated create/end is not). */
const READ_CALLS = new Set(['version', 'getMeetingInfo', 'isMeetingRunning', 'getMeetings', 'getRecordings']);
/** BBB ignores meta_ parameters whose name does not match this (e.g. an underscore after meta_). */
const META_KEY = /^[A-Za-z][A-Za-z0-9-]*$/;
/** bbb-web splits "userdata-<key>" on "-" and needs exactly two parts: no dash in the key. */
const USERDATA_KEY = /^[A-Za-z0-9_]+$/;
/**
 * Default cap on an answer's size. The largest answers are getRecordings lists, about 2-3 KB per
 * recording (with slide previews), and the bot always asks for one meeting ID or one record ID:
 * 4 MB holds some 1,500 recordings of one course, three recorded classes a week for ten years.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export class BbbClient implements BbbApi {
  readonly apiBase: string;
  readonly #secret: string;
  readonly #algorithm: ChecksumAlgorithm;
  readonly #timeoutMs: number;
  readonly #readRetries: number;
  readonly #backoffMs: (attempt: number) => number;
  readonly #fetch: typeof fetch;
  readonly #host: string;
  readonly #observe: ((call: string, result: string, seconds: number) => void) | undefined;
  readonly #maxBytes: number;

  /** observe: told about every call once it is over (metrics); result is `ok` or the failure kind. */
  constructor(options: BbbClientOptions & { fetch?: typeof fetch; observe?: (call: string, result: string, seconds: number) => void }) {
    this.apiBase = normalizeServerUrl(options.url);
    if (!options.secret) throw new BbbError('The BigBlueButton shared secret is empty');
    this.#secret = options.secret;
    this.#algorithm = options.algorithm ?? 'sha256';
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#readRetries = Math.max(0, options.readRetries ?? 2);
    this.#backoffMs = options.backoffMs ?? ((n) => 200 * 2 ** (n - 1));
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#host = new URL(this.apiBase).host;
    this.#observe = options.observe;
    this.#maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }

  // --- calls --------------------------------------------------------------------------------

  /** GET on the API root: no checksum needed; doubles as a health check. */
  version(): Promise<ApiVersion> {
    return this.#call('version', null, schema.versionSchema);
  }

  create(p: CreateMeetingParams): Promise<CreatedMeeting> {
    const q: Params = [['meetingID', p.meetingId], ['name', p.name]];
    add(q, 'attendeePW', p.attendeePassword);
    add(q, 'moderatorPW', p.moderatorPassword);
    add(q, 'welcome', p.welcome);
    add(q, 'record', p.record);
    add(q, 'autoStartRecording', p.autoStartRecording);
    add(q, 'allowStartStopRecording', p.allowStartStopRecording);
    add(q, 'maxParticipants', p.maxParticipants);
    add(q, 'duration', p.duration);
    add(q, 'logoutURL', p.logoutUrl);
    add(q, 'meetingExpireIfNoUserJoinedInMinutes', p.expireIfNoUserJoinedMinutes);
    add(q, 'meetingExpireWhenLastUserLeftInMinutes', p.expireWhenLastUserLeftMinutes);
    add(q, 'meetingKeepEvents', p.keepEvents);
    addMeta(q, p.meta);
    q.push(...classroomCreatePairs(p.classroom));
    return this.#call('create', q, schema.createSchema);
  }

  /** Signed join URL for the user's browser (a bearer credential: show it to that user only). */
  joinUrl(p: JoinUrlParams): string {
    const q: Params = [['meetingID', p.meetingId], ['fullName', p.fullName], ['role', p.role]];
    add(q, 'userID', p.userId);
    // createTime stops an old link from joining a later session that reuses the meetingID.
    add(q, 'createTime', p.createTime);
    add(q, 'password', p.password);
    add(q, 'redirect', p.redirect);
    add(q, 'guest', p.guest);
    for (const [key, value] of Object.entries({ ...p.userdata, ...clientUserdata(p.client) })) {
      if (!USERDATA_KEY.test(key)) throw new BbbError(`Invalid userdata key "${key}": use letters, digits and _ only`);
      q.push([`userdata-${key}`, value]);
    }
    return this.#url('join', q);
  }

  async getMeetingInfo(meetingId: string): Promise<MeetingInfo> {
    try {
      return await this.#call('getMeetingInfo', [['meetingID', meetingId]], schema.meetingInfoSchema);
    } catch (err) {
      // Early 2.4 builds answered an unknown meeting with validationError (bbb issue #13369).
      // Any validationError here means "no meeting with this ID can exist", so report notFound.
      if (err instanceof BbbApiError && err.messageKey === 'validationError') {
        throw new BbbApiError('getMeetingInfo', 'notFound', err.bbbMessage);
      }
      throw err;
    }
  }

  /** False for an unknown meeting AND for a created meeting nobody has joined yet. */
  isMeetingRunning(meetingId: string): Promise<boolean> {
    return this.#call('isMeetingRunning', [['meetingID', meetingId]], schema.runningSchema);
  }

  /** noMeetings (an empty <meetings/>) -> []. Checksum over the empty query. */
  getMeetings(): Promise<MeetingInfo[]> {
    return this.#call('getMeetings', [], schema.meetingsSchema);
  }

  /** Asynchronous on the server (sentEndMeetingRequest): confirm with getMeetingInfo later. */
  async end(meetingId: string): Promise<void> {
    await this.#call('end', [['meetingID', meetingId]], schema.envelopeSchema);
  }

  /** noRecordings -> []. Without `state`, BBB returns published and unpublished only. */
  getRecordings(query: RecordingQuery = {}): Promise<Recording[]> {
    const q: Params = [];
    add(q, 'meetingID', joinList(query.meetingId));
    add(q, 'recordID', joinList(query.recordId));
    add(q, 'state', query.state === 'any' ? 'any' : joinList(query.state));
    addMeta(q, query.meta);
    add(q, 'offset', query.offset);
    add(q, 'limit', query.limit);
    return this.#call('getRecordings', q, schema.recordingsSchema);
  }

  publishRecordings(recordIds: string[], publish: boolean): Promise<boolean> {
    const q: Params = [['recordID', idList(recordIds)], ['publish', String(publish)]];
    return this.#call('publishRecordings', q, schema.publishedSchema);
  }

  /** meta value '' removes that metadata entry. */
  updateRecordings(recordIds: string[], meta: Record<string, string>): Promise<boolean> {
    const q: Params = [['recordID', idList(recordIds)]];
    addMeta(q, meta);
    return this.#call('updateRecordings', q, schema.updatedSchema);
  }

  deleteRecordings(recordIds: string[]): Promise<boolean> {
    return this.#call('deleteRecordings', [['recordID', idList(recordIds)]], schema.deletedSchema);
  }

  // --- the chokepoint -----------------------------------------------------------------------

  #url(call: string, params: Params): string {
    return `${this.apiBase}/${call}?${signedQuery(call, params, this.#secret, this.#algorithm)}`;
  }

  async #call<S extends z.ZodType>(call: string, params: Params | null, out: S): Promise<z.output<S>> {
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    try {
      const result = await this.#retrying(call, params, out);
      this.#observe?.(call, 'ok', seconds());
      return result;
    } catch (err) {
      this.#observe?.(call, failureKind(err), seconds());
      throw err;
    }
  }

  /** params null = the unsigned API root (version). Reads are retried on transport failures only. */
  async #retrying<S extends z.ZodType>(call: string, params: Params | null, out: S): Promise<z.output<S>> {
    const url = params === null ? this.apiBase : this.#url(call, params);
    const attempts = 1 + (READ_CALLS.has(call) ? this.#readRetries : 0);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.#once(call, url);
        const parsed = out.safeParse(response);
        if (!parsed.success) {
          const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '<response>'}: ${i.message}`);
          throw new BbbInvalidResponseError(call, this.#scrub(`unexpected content: ${where.join('; ')}`));
        }
        return parsed.data;
      } catch (err) {
        // Never retry a BBB answer (FAILED, or unparseable 2xx): only unreachable/timeout/5xx.
        const transient =
          err instanceof BbbUnreachableError || err instanceof BbbTimeoutError ||
          (err instanceof BbbHttpError && err.status >= 500);
        if (!transient || attempt >= attempts) throw err;
        await new Promise((resolve) => setTimeout(resolve, this.#backoffMs(attempt)));
      }
    }
  }

  /** One HTTP exchange; returns the content of a SUCCESS <response>. */
  async #once(call: string, url: string): Promise<Record<string, unknown>> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const stop = new AbortController();
    const signal = AbortSignal.any([timeout, stop.signal]);
    let status: number;
    let ok: boolean;
    let body: string;
    try {
      const res = await this.#fetch(url, { method: 'GET', signal, headers: { accept: 'application/xml' } });
      ({ status, ok } = res);
      body = await readCapped(res, this.#maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        stop.abort(); // closes the connection: the rest of the answer is never read
        throw new BbbResponseTooLargeError(call, this.#maxBytes);
      }
      if (timeout.aborted) throw new BbbTimeoutError(call, this.#timeoutMs);
      // The original error may quote the URL; keep only a scrubbed description as the cause.
      throw new BbbUnreachableError(call, this.#host, { cause: new Error(this.#scrub(describe(err))) });
    }

    let response: Record<string, unknown> | undefined;
    let detail = '';
    try {
      response = parseResponseXml(body);
    } catch (err) {
      detail = err instanceof Error ? err.message : 'unparseable';
    }
    const envelope = response ? schema.envelopeSchema.safeParse(response) : undefined;
    // FAILED is BBB's answer whatever the HTTP status (a proxy may turn it into a 500).
    if (envelope?.success && envelope.data.returncode === 'FAILED') {
      // A FAILED without key only happens on calls we do not use (insertDocument).
      const key = envelope.data.messageKey || 'unknownError';
      // Scrubbed whole, then capped by the error (a cut must not leave half a secret).
      throw new BbbApiError(call, this.#scrub(key), this.#scrub(envelope.data.message));
    }
    if (!ok) throw new BbbHttpError(call, status);
    if (!response || !envelope?.success) {
      throw new BbbInvalidResponseError(call, this.#scrub(detail || 'no SUCCESS/FAILED <returncode>'));
    }
    return response;
  }

  /** Defence in depth for texts that come from elsewhere (server bodies, socket errors). */
  #scrub(text: string): string {
    return text.split(this.#secret).join('[secret]').replace(/checksum=[0-9a-fA-F]*/g, 'checksum=[redacted]');
  }
}

// --- parameter helpers ----------------------------------------------------------------------

/** Booleans as literal lowercase true/false (BBB reads only "true" as true); whole numbers only. */
function add(q: Params, key: string, value: Value): void {
  if (value === undefined) return;
  if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0)) {
    throw new BbbError(`Invalid ${key} ${value}: expected a whole number >= 0`);
  }
  q.push([key, String(value)]);
}

/** meta_<key>; BBB stores the name lower-cased (meta_endCallbackUrl comes back as endcallbackurl). */
function addMeta(q: Params, meta: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (!META_KEY.test(key)) {
      throw new BbbError(`Invalid metadata name "${key}": must match [A-Za-z][A-Za-z0-9-]*`);
    }
    q.push([`meta_${key}`, value]);
  }
}

function joinList(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = Array.isArray(v) ? v.join(',') : v;
  return s === '' ? undefined : s;
}

function idList(ids: string[]): string {
  if (ids.length === 0) throw new BbbError('At least one recording ID is required');
  return ids.join(',');
}

/** A metrics label: a fixed word per error class, never a server text. */
function failureKind(err: unknown): string {
  if (err instanceof BbbTimeoutError) return 'timeout';
  if (err instanceof BbbUnreachableError) return 'unreachable';
  if (err instanceof BbbHttpError) return 'http';
  if (err instanceof BbbApiError) return 'api';
  if (err instanceof BbbInvalidResponseError) return 'invalid';
  return 'error';
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:8080" style text from undici's error chain. */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message);
  }
  return parts.join(': ') || String(err);
}
