// The course's meeting on BigBlueButton, in domain words: start, state, join link, end, recordings.
// Meeting state and recording lists are cached briefly and concurrent lookups share one BBB call,
// so a burst of students typing `join`, `status` or `recordings` costs a handful of calls.
import { randomBytes } from 'node:crypto';
import type { BbbApi, MeetingInfo, Recording } from '../bbb/types.ts';
import { BbbApiError, BbbError, isBbbKey } from '../bbb/errors.ts';
import type { Store } from '../store/index.ts';
import type { Course, MeetingRecord, ServerSettings } from './model.ts';
import { NoServerError, ServerCheckError } from './errors.ts';
import { asciiName, bbbMeetingId, meetingName, meetingPasswords, newCallbackToken } from './meeting-ids.ts';
import type { Platform } from './types.ts';
import { ReadCache } from './read-cache.ts';
import { NEAR_LIMIT_SEATS, SeatLedger } from './seats.ts';
import { courseRecordings } from './after/recordings.ts';
import { clientOptions, createSettings } from './classroom.ts';
import { JoinLinks } from './join-links.ts';

export type MeetingState =
  | { status: 'not-started' }
  | { status: 'closing' }
  /** `askedAt`: when BBB was asked (links given since count against the free seats). */
  | { status: 'open'; info: MeetingInfo; askedAt: number };

type OpenState = MeetingState & { status: 'open' };

export interface ConferenceOptions {
  store: Store;
  makeApi: (server: ServerSettings) => BbbApi;
  /** Used when no server was saved with `config server` (BBB_URL/BBB_SECRET, or the dev server). */
  fallbackServer?: ServerSettings | undefined;
  defaultDurationMinutes: number;
  /** Public base URL of the bot's HTTP adapter, for BBB callbacks. */
  publicUrl?: string | undefined;
  stateTtlMs?: number;
  /** How long a course's recording list is reused (default 5 s); the bot's own changes drop it. */
  recordingsTtlMs?: number;
  now?: () => number;
  /** Waits between create retries while an ended meeting is being purged. */
  closingRetryMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  /** Minutes a one-time join link (PUBLIC_URL/j/...) stays valid (default 10; 0 = signed BBB links instead). */
  joinLinkMinutes?: number;
}

export interface Starter {
  platform: Platform;
  userId: string;
  roomId: string;
}

export class ConferenceService {
  private apiCache: { key: string; api: BbbApi } | undefined;
  private readonly stateCache: ReadCache<MeetingState>;
  /** Keyed "<meetingId> <published|all>". */
  private readonly recordingsCache: ReadCache<Recording[]>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly seats = new SeatLedger();
  /** The links users are given: one-time bot URLs with PUBLIC_URL, else signed BBB URLs. */
  readonly links: JoinLinks;

  constructor(private readonly o: ConferenceOptions) {
    const minutes = o.joinLinkMinutes ?? 10; // 0: one-time links off
    this.links = new JoinLinks({ store: o.store, conference: this, publicUrl: minutes > 0 ? o.publicUrl : undefined, ttlMs: minutes * 60_000, ...(o.now ? { now: o.now } : {}) });
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.stateCache = new ReadCache({ ttlMs: o.stateTtlMs ?? 2000, graceMs: 1000, ...(o.now ? { now: o.now } : {}) });
    this.recordingsCache = new ReadCache({ ttlMs: o.recordingsTtlMs ?? 5000, ...(o.now ? { now: o.now } : {}) });
  }

  server(): ServerSettings | undefined {
    return this.o.store.settings.server() ?? this.o.fallbackServer;
  }

  /** The client for the current server settings (rebuilt when an admin changes them). */
  api(): BbbApi {
    const server = this.server();
    if (!server) throw new NoServerError();
    const key = `${server.url}\n${server.secret}`;
    if (this.apiCache?.key !== key) this.apiCache = { key, api: this.o.makeApi(server) };
    return this.apiCache.api;
  }

  /** Checks a server before it is saved: reachable, a BBB API, and the secret accepted. */
  async verifyServer(url: string, secret: string): Promise<{ apiBase: string; version: string }> {
    let api: BbbApi;
    try {
      api = this.o.makeApi({ url, secret });
    } catch (err) {
      throw new ServerCheckError('bad-url', err instanceof Error ? err.message : String(err));
    }
    let version: string;
    try {
      const v = await api.version();
      version = v.bbbVersion ? `BigBlueButton ${v.bbbVersion}` : `API ${v.version}`;
    } catch (err) {
      throw new ServerCheckError(isTransport(err) ? 'unreachable' : 'not-bbb', api.apiBase);
    }
    try {
      // Not getMeetings: Scalelite answers it without checking the checksum (GET_MEETINGS_API_DISABLED).
      // Every BBB and Scalelite checks getMeetingInfo's: notFound for a random meeting = the secret is right.
      await api.getMeetingInfo(`bbb-chatops-check-${randomBytes(12).toString('hex')}`);
    } catch (err) {
      if (isBbbKey(err, 'checksumError')) throw new ServerCheckError('wrong-secret', api.apiBase);
      if (!isBbbKey(err, 'notFound')) throw new ServerCheckError(isTransport(err) ? 'unreachable' : 'not-bbb', api.apiBase);
    }
    return { apiBase: api.apiBase, version };
  }

  meetingIdOf(courseCode: string, group: string): string {
    return bbbMeetingId(this.o.store.settings.instanceKey(), courseCode, group);
  }

  /** Creates the course's meeting, or finds the running one. `created` is false when it already existed. */
  async start(
    course: Course,
    group: string,
    by: Starter,
  ): Promise<{ meeting: MeetingRecord; created: boolean; session: { meetingId: string; createTime: string } }> {
    const api = this.api();
    const key = this.o.store.settings.instanceKey();
    const meetingId = bbbMeetingId(key, course.code, group);
    const passwords = meetingPasswords(key, course.code, group);
    const token = newCallbackToken();
    const name = meetingName(course.title, group);
    const params = {
      meetingId,
      name,
      attendeePassword: passwords.attendee,
      moderatorPassword: passwords.moderator,
      record: course.record,
      // A recorded course records from the start; moderators may still pause and resume.
      autoStartRecording: course.record,
      allowStartStopRecording: true,
      duration: course.durationMinutes ?? this.o.defaultDurationMinutes,
      expireIfNoUserJoinedMinutes: 15,
      keepEvents: true, // BBB keeps the events for the analytics callback (exact attendance)
      ...(course.maxParticipants ? { maxParticipants: course.maxParticipants } : {}),
      ...(course.welcome ? { welcome: course.welcome } : {}),
      meta: this.meta(course, group, token),
      classroom: createSettings(this.o.store.classroom.course(course.code)),
    };
    this.stateCache.delete(meetingId);
    let created;
    for (const wait of [0, ...(this.o.closingRetryMs ?? [300, 700, 1500, 3000])]) {
      if (wait) await this.sleep(wait);
      try {
        created = await api.create(params);
      } catch (err) {
        if (isBbbKey(err, 'validationError') && params.name !== asciiName(name)) {
          params.name = asciiName(name); // strict builds accept only ASCII names
          created = await api.create(params);
        } else if (isBbbKey(err, 'idNotUnique')) {
          const info = await api.getMeetingInfo(meetingId);
          created = { ...info, duplicate: true, hasBeenForciblyEnded: info.hasBeenForciblyEnded };
        } else throw err;
      }
      if (!created.hasBeenForciblyEnded) break;
    }
    if (!created || created.hasBeenForciblyEnded) throw new MeetingClosingError();

    const session = { meetingId, createTime: created.createTime };
    const meetings = this.o.store.meetings;
    const open = meetings.open(course.code, group);
    if (open && open.createTime === created.createTime) return { meeting: open, created: false, session };
    if (open) meetings.markEnded(open.id, Date.now(), 'replaced'); // ended without us hearing of it
    const meeting = meetings.insert({
      courseCode: course.code,
      group,
      bbbMeetingId: meetingId,
      internalMeetingId: created.internalMeetingId,
      createTime: created.createTime,
      record: course.record,
      startedByPlatform: by.platform,
      startedBy: by.userId,
      startedInRoom: by.roomId,
      createdAt: Date.now(),
      callbackToken: token,
    });
    return { meeting, created: !created.duplicate, session };
  }

  private meta(course: Course, group: string, token: string): Record<string, string> {
    const meta: Record<string, string> = {
      'bbb-origin': 'bbb-chatops',
      'bbb-chatops-course': course.code,
      'bbb-context-name': course.title,
    };
    if (group) meta['bbb-chatops-group'] = group;
    const base = this.o.publicUrl?.replace(/\/+$/, '');
    if (base) {
      meta.endCallbackUrl = `${base}/bbb/ended/${token}`;
      meta['bbb-recording-ready-url'] = `${base}/bbb/recording-ready`;
      meta['bn-recording-ready-url'] = `${base}/bbb/recording-ready`;
      meta['analytics-callback-url'] = `${base}/bbb/analytics/${token}`;
    }
    return meta;
  }

  /** Whether the course's meeting exists on BBB. A missing meeting is "not started", never an error. */
  state(courseCode: string, group: string, options: { fresh?: boolean } = {}): Promise<MeetingState> {
    const meetingId = this.meetingIdOf(courseCode, group);
    // `fresh` (end, notify-me) skips a cached answer but still shares a call already under way.
    return this.stateCache.get(meetingId, () => this.fetchState(meetingId), options);
  }

  /** The course's recordings, newest first; students' lists hold published recordings only. */
  recordings(courseCode: string, group: string, includeUnpublished: boolean): Promise<Recording[]> {
    const meetingId = this.meetingIdOf(courseCode, group);
    const key = `${meetingId} ${includeUnpublished ? 'all' : 'published'}`;
    return this.recordingsCache.get(key, () => courseRecordings(this.api(), meetingId, includeUnpublished));
  }

  /** Publishes or unpublishes one of the course's recordings (checked by the caller). */
  async publishRecording(courseCode: string, group: string, recordId: string, publish: boolean): Promise<void> {
    await this.changingRecordings(courseCode, group, (api) => api.publishRecordings([recordId], publish));
  }

  async deleteRecording(courseCode: string, group: string, recordId: string): Promise<void> {
    await this.changingRecordings(courseCode, group, (api) => api.deleteRecordings([recordId]));
  }

  private async changingRecordings<T>(courseCode: string, group: string, change: (api: BbbApi) => Promise<T>): Promise<T> {
    const meetingId = this.meetingIdOf(courseCode, group);
    try {
      return await change(this.api());
    } finally {
      this.forgetRecordings(meetingId);
    }
  }

  private forgetRecordings(meetingId: string): void {
    this.recordingsCache.deleteWhere((key) => key.startsWith(`${meetingId} `));
  }

  /**
   * Claims a seat for this user under the limit `max` (0 = none): links given since BBB's answer
   * count against the free seats, near the limit BBB is asked again first, and the claim is made
   * in the same step as the count, so racing users never get more links than seats.
   */
  async claimSeat(courseCode: string, group: string, state: OpenState, userId: string, max: number): Promise<{ left: number; state: MeetingState }> {
    const meetingId = this.meetingIdOf(courseCode, group);
    if (this.seats.left(meetingId, state, userId, max, this.now()) > NEAR_LIMIT_SEATS) return this.seats.claim(meetingId, state, userId, max, this.now());
    const fresh = await this.state(courseCode, group, { fresh: true });
    return fresh.status === 'open' ? this.seats.claim(meetingId, fresh, userId, max, this.now()) : { left: 0, state: fresh };
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private async fetchState(meetingId: string): Promise<MeetingState> {
    const askedAt = this.now();
    try {
      const info = await this.api().getMeetingInfo(meetingId);
      return info.hasBeenForciblyEnded ? { status: 'closing' } : { status: 'open', info, askedAt };
    } catch (err) {
      if (isBbbKey(err, 'notFound')) return { status: 'not-started' };
      throw err;
    }
  }

  /**
   * A signed join link for one user and one session (createTime keeps it from joining a later session),
   * with the course's client options and the user's own preferences.
   */
  joinUrl(
    session: { meetingId: string; createTime: string },
    user: { platform: Platform; id: string; displayName: string },
    role: 'MODERATOR' | 'VIEWER',
    courseCode?: string,
  ): string {
    this.seats.give(session.meetingId, `${user.platform}:${user.id}`, this.now());
    const classroom = this.o.store.classroom;
    const client = clientOptions(courseCode ? classroom.course(courseCode) : new Map(), classroom.user(user.platform, user.id));
    return this.api().joinUrl({
      client,
      meetingId: session.meetingId,
      fullName: user.displayName,
      role,
      userId: `${user.platform}:${user.id}`,
      createTime: session.createTime,
    });
  }

  /** Ends the meeting on BBB. Returns false when BBB did not know it (already over). */
  async end(courseCode: string, group: string): Promise<boolean> {
    const meetingId = this.meetingIdOf(courseCode, group);
    this.stateCache.delete(meetingId);
    try {
      await this.api().end(meetingId);
      return true;
    } catch (err) {
      if (isBbbKey(err, 'notFound')) return false;
      throw err;
    } finally {
      this.stateCache.delete(meetingId);
    }
  }

  /** Drops what is cached about this meeting (it ended, or a recording of it changed). */
  forget(meetingId: string): void {
    this.stateCache.delete(meetingId);
    this.seats.forget(meetingId);
    this.forgetRecordings(meetingId);
  }
}

export class MeetingClosingError extends Error {}

function isTransport(err: unknown): boolean {
  // Transport only: an answer that is refused, not BBB's, or too large is "not a BBB server".
  return err instanceof BbbError && !(err instanceof BbbApiError) &&
    err.name !== 'BbbInvalidResponseError' && err.name !== 'BbbResponseTooLargeError';
}
