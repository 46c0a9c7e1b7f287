// The course's meeting on BigBlueButton, in domain words: start, state, join link, end, recordings.
// Meeting state and recording lists are cached briefly and concurrent lookups share one BBB call,
// so a burst of students typing `join`, `status` or `recordings` costs a handful of calls.
import type { BbbApi, MeetingInfo, Recording } from '../bbb/types.ts';
import { isBbbKey } from '../bbb/errors.ts';
import type { Store } from '../store/index.ts';
import type { MeetingRecord, ServerSettings } from './model.ts';
import { NoServerError } from './errors.ts';
import { verifyServer } from './server-check.ts';
import { asciiName, bbbMeetingId, meetingName, meetingPasswords, newCallbackToken } from './meeting-ids.ts';
import type { Platform } from './types.ts';
import { ReadCache } from './read-cache.ts';
import { NEAR_LIMIT_SEATS, SeatLedger } from './seats.ts';
import { courseRecordings } from './after/recordings.ts';
import { clientOptions, createSettings } from './classroom.ts';
import { courseOf, scopeKey, type MeetingScope } from './scope.ts';
import { meetingSettings } from './scope-policy.ts';
import { JoinLinks } from './join-links.ts';
import { GuestInvitations } from './guests.ts';

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
  /** Names a personal room's meeting (its owner starts it). */
  displayName?: string;
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
  /** Guest invitations (PUBLIC_URL/g/...), for people with no chat account. */
  readonly guests: GuestInvitations;

  constructor(private readonly o: ConferenceOptions) {
    const minutes = o.joinLinkMinutes ?? 10; // 0: one-time links off
    this.links = new JoinLinks({ store: o.store, conference: this, publicUrl: minutes > 0 ? o.publicUrl : undefined, ttlMs: minutes * 60_000, ...(o.now ? { now: o.now } : {}) });
    this.guests = new GuestInvitations({ store: o.store, conference: this, publicUrl: o.publicUrl, ...(o.now ? { now: o.now } : {}) });
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
  verifyServer(url: string, secret: string): Promise<{ apiBase: string; version: string }> {
    return verifyServer(this.o.makeApi, url, secret);
  }

  meetingIdOf(scope: MeetingScope): string {
    return bbbMeetingId(this.o.store.settings.instanceKey(), scope);
  }

  /**
   * Creates the scope's meeting with its settings (scope-policy.ts), or finds the running one.
   * `created` is false when it already existed.
   */
  async start(
    scope: MeetingScope,
    by: Starter,
    /** A scheduled class bounds the meeting by its slot (BBB `duration`, minutes). */
    options: { durationMinutes?: number } = {},
  ): Promise<{ meeting: MeetingRecord; created: boolean; session: { meetingId: string; createTime: string } }> {
    const settings = meetingSettings(this.o.store, scope, by.displayName);
    if (!settings) throw new Error(`no course for ${scopeKey(scope)}`);
    const api = this.api();
    const key = this.o.store.settings.instanceKey();
    const meetingId = bbbMeetingId(key, scope);
    const passwords = meetingPasswords(key, scope);
    const token = newCallbackToken();
    const name = meetingName(settings.title, settings.group);
    const params = {
      meetingId,
      name,
      attendeePassword: passwords.attendee,
      moderatorPassword: passwords.moderator,
      record: settings.record,
      // A recorded course records from the start; moderators may still pause and resume.
      autoStartRecording: settings.record,
      allowStartStopRecording: true,
      duration: options.durationMinutes ?? settings.durationMinutes ?? this.o.defaultDurationMinutes,
      expireIfNoUserJoinedMinutes: 15,
      keepEvents: true, // BBB keeps the events for the analytics callback (exact attendance)
      ...(settings.maxParticipants ? { maxParticipants: settings.maxParticipants } : {}),
      ...(settings.welcome ? { welcome: settings.welcome } : {}),
      meta: this.meta(scope, settings.title, token),
      classroom: createSettings(settings.classroom),
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
    const open = meetings.open(scope);
    if (open && open.createTime === created.createTime) return { meeting: open, created: false, session };
    if (open) meetings.markEnded(open.id, Date.now(), 'replaced'); // ended without us hearing of it
    const meeting = meetings.insert({
      scope,
      bbbMeetingId: meetingId,
      internalMeetingId: created.internalMeetingId,
      createTime: created.createTime,
      record: settings.record,
      startedByPlatform: by.platform,
      startedBy: by.userId,
      startedInRoom: by.roomId,
      createdAt: Date.now(),
      callbackToken: token,
    });
    return { meeting, created: !created.duplicate, session };
  }

  private meta(scope: MeetingScope, title: string, token: string): Record<string, string> {
    const meta: Record<string, string> = { 'bbb-origin': 'bbb-chatops', 'bbb-context-name': title };
    // A course's meetings keep the metadata they always had; the other kinds carry their scope key.
    if (scope.kind === 'course') meta['bbb-chatops-course'] = scope.courseCode;
    else meta['bbb-chatops-scope'] = scopeKey(scope);
    if (scope.kind === 'course' && scope.group) meta['bbb-chatops-group'] = scope.group;
    const base = this.o.publicUrl?.replace(/\/+$/, '');
    if (base) {
      meta.endCallbackUrl = `${base}/bbb/ended/${token}`;
      meta['bbb-recording-ready-url'] = `${base}/bbb/recording-ready`;
      meta['bn-recording-ready-url'] = `${base}/bbb/recording-ready`;
      meta['analytics-callback-url'] = `${base}/bbb/analytics/${token}`;
    }
    return meta;
  }

  /** Whether the scope's meeting exists on BBB. A missing meeting is "not started", never an error. */
  state(scope: MeetingScope, options: { fresh?: boolean } = {}): Promise<MeetingState> {
    const meetingId = this.meetingIdOf(scope);
    // `fresh` (end, notify-me) skips a cached answer but still shares a call already under way.
    return this.stateCache.get(meetingId, () => this.fetchState(meetingId), options);
  }

  /** The course's recordings, newest first; students' lists hold published recordings only. */
  recordings(scope: MeetingScope, includeUnpublished: boolean): Promise<Recording[]> {
    const meetingId = this.meetingIdOf(scope);
    const key = `${meetingId} ${includeUnpublished ? 'all' : 'published'}`;
    return this.recordingsCache.get(key, () => courseRecordings(this.api(), meetingId, includeUnpublished));
  }

  /** Publishes or unpublishes one of the course's recordings (checked by the caller). */
  async publishRecording(scope: MeetingScope, recordId: string, publish: boolean): Promise<void> {
    await this.changingRecordings(scope, (api) => api.publishRecordings([recordId], publish));
  }

  async deleteRecording(scope: MeetingScope, recordId: string): Promise<void> {
    await this.changingRecordings(scope, (api) => api.deleteRecordings([recordId]));
  }

  private async changingRecordings<T>(scope: MeetingScope, change: (api: BbbApi) => Promise<T>): Promise<T> {
    const meetingId = this.meetingIdOf(scope);
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
  async claimSeat(scope: MeetingScope, state: OpenState, userId: string, max: number): Promise<{ left: number; state: MeetingState }> {
    const meetingId = this.meetingIdOf(scope);
    if (this.seats.left(meetingId, state, userId, max, this.now()) > NEAR_LIMIT_SEATS) return this.seats.claim(meetingId, state, userId, max, this.now());
    const fresh = await this.state(scope, { fresh: true });
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
   * with the scope's client options and the user's own preferences.
   */
  joinUrl(
    session: { meetingId: string; createTime: string },
    user: { platform: Platform; id: string; displayName: string },
    role: 'MODERATOR' | 'VIEWER',
    scope?: MeetingScope,
  ): string {
    this.seats.give(session.meetingId, `${user.platform}:${user.id}`, this.now());
    const store = this.o.store;
    const code = scope && courseOf(scope);
    // A course's options come straight from its table (the join hot path: no course row read).
    const options = code !== undefined ? store.classroom.course(code) : scope?.kind === 'global' ? store.scopes.settings(scopeKey(scope)) : new Map<string, string>();
    const client = clientOptions(options, store.classroom.user(user.platform, user.id));
    return this.api().joinUrl({
      client,
      meetingId: session.meetingId,
      fullName: user.displayName,
      role,
      userId: `${user.platform}:${user.id}`,
      createTime: session.createTime,
      guest: false, // the bot's own users: guest-policy (ask-moderator by default) is for guests only
    });
  }

  /** Ends the meeting on BBB. Returns false when BBB did not know it (already over). */
  async end(scope: MeetingScope): Promise<boolean> {
    const meetingId = this.meetingIdOf(scope);
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
