// The simulated BBB server state: meetings by meetingID, recordings, the clock and what happens
// when a meeting ends (purge, recording processing, callbacks).
import { analyticsJwt, analyticsPayload, sendAnalytics } from './analytics.ts';
import { fail, messages } from './api-error.ts';
import { endCallbackUrl, sendEndCallback, sendRecordingReady, signJwt, type JwtAlgorithm } from './callbacks.ts';
import type { CreateSpec } from './create-params.ts';
import {
  enter, expiryDue, hasSeatFor, randomPassword, recordingMarks, sha1Hex,
  type SimAttendee, type SimMeeting,
} from './meeting.ts';
import { RecordingStore, type SimRecording } from './recordings.ts';
import { Scheduler } from './scheduler.ts';
import type { LobbyEntry } from './guest-lobby.ts';

export interface SimulatorOptions {
  secret: string;
  recordingProcessingMs: number;
  endPurgeMs: number;
  /** Delay between the end of a meeting and its analytics callback (events archived). */
  analyticsDelayMs: number;
  jwtAlgorithm: JwtAlgorithm;
  callbacks: boolean;
  log: (line: string) => void;
  /** http://host:port, known once the server listens. */
  origin: () => string;
}

export type EndCause = 'end API' | 'moderator' | 'expiry';

const READY_URL_KEYS = ['bbb-recording-ready-url', 'bn-recording-ready-url', 'canvas-recording-ready-url'];

export class Simulator {
  readonly meetings = new Map<string, SimMeeting>();
  readonly recordings = new RecordingStore();
  readonly scheduler = new Scheduler(() => this.sweep());
  /** redirect=false joins waiting for their client URL to be opened, by session token. */
  readonly sessions = new Map<string, { meeting: SimMeeting; attendee: SimAttendee }>();
  /** Guests who joined under ASK_MODERATOR, by the session token of their wait page (guest-lobby.ts). */
  readonly lobby = new Map<string, LobbyEntry>();
  /** The last analytics body built for each meetingID (sent or not), for tests. */
  readonly analytics = new Map<string, Record<string, unknown>>();
  callbacksEnabled: boolean;
  private lastCreateTime = 0;

  constructor(readonly options: SimulatorOptions) {
    this.callbacksEnabled = options.callbacks;
  }

  now(): number {
    return this.scheduler.now();
  }

  /** Loose lookup like bbb-web: the external meetingID, else an internal meeting id. */
  find(meetingId: string): SimMeeting | undefined {
    return this.meetings.get(meetingId) ?? [...this.meetings.values()].find((m) => m.internalMeetingId === meetingId);
  }

  create(spec: CreateSpec): { meeting: SimMeeting; duplicate: boolean } {
    const existing = this.meetings.get(spec.meetingId);
    if (existing) {
      const same = (given: string | undefined, stored: string): boolean => given === undefined || given === stored;
      if (!same(spec.attendeePW, existing.attendeePW) || !same(spec.moderatorPW, existing.moderatorPW)) {
        fail('idNotUnique', messages.idNotUnique);
      }
      return { meeting: existing, duplicate: true };
    }
    const bridges = new Set([...this.meetings.values()].map((m) => m.voiceBridge));
    if (spec.voiceBridge !== undefined && bridges.has(spec.voiceBridge)) {
      fail('nonUniqueVoiceBridge', messages.nonUniqueVoiceBridge);
    }
    let voiceBridge = spec.voiceBridge;
    while (voiceBridge === undefined || bridges.has(voiceBridge)) {
      voiceBridge = String(Math.floor(Math.random() * 100_000)).padStart(5, '0');
    }
    const createTime = Math.max(this.now(), this.lastCreateTime + 1);
    this.lastCreateTime = createTime;
    const meeting: SimMeeting = {
      meetingId: spec.meetingId,
      internalMeetingId: `${sha1Hex(spec.meetingId)}-${createTime}`,
      name: spec.name,
      attendeePW: spec.attendeePW ?? randomPassword(),
      moderatorPW: spec.moderatorPW ?? randomPassword(),
      createTime,
      voiceBridge,
      dialNumber: spec.dialNumber,
      welcome: spec.welcome,
      logoutUrl: spec.logoutUrl,
      record: spec.record,
      autoStartRecording: spec.autoStartRecording,
      allowStartStopRecording: spec.allowStartStopRecording,
      maxParticipants: spec.maxParticipants,
      duration: spec.duration,
      expireNoJoinMin: spec.expireNoJoinMin,
      expireLastLeftMin: spec.expireLastLeftMin,
      guestPolicy: spec.guestPolicy,
      keepEvents: spec.keepEvents,
      metadata: spec.metadata,
      classroom: spec.classroom,
      startTime: createTime,
      endTime: 0,
      hasUserJoined: false,
      ended: false,
      forciblyEnded: false,
      attendees: [],
      participants: new Set(),
      lastLeftAt: undefined,
      recordingMarked: false,
      stays: [],
      engagement: new Map(),
    };
    this.meetings.set(spec.meetingId, meeting);
    this.options.log(`created ${spec.meetingId} (${meeting.internalMeetingId})`);
    this.rearm();
    return { meeting, duplicate: false };
  }

  /** Puts a user inside (join, client URL opened, or control). */
  admit(m: SimMeeting, attendee: SimAttendee): void {
    if (m.ended) fail('meetingForciblyEnded', messages.meetingForciblyEnded);
    if (!hasSeatFor(m, attendee.userId)) fail('maxParticipantsReached', messages.maxParticipantsReached);
    enter(m, attendee, this.now());
    this.options.log(`${attendee.fullName} (${attendee.userId}) joined ${m.meetingId} as ${attendee.role}`);
    this.rearm();
  }

  end(m: SimMeeting, at: number, cause: EndCause): void {
    if (m.ended) return;
    const marks = recordingMarks(m);
    m.ended = true;
    m.forciblyEnded = true;
    m.endTime = at;
    for (const stay of m.stays) stay.leftAt ??= at;
    m.attendees = [];
    for (const [token, session] of this.sessions) if (session.meeting === m) this.sessions.delete(token);
    this.options.log(`ended ${m.meetingId} (${cause}), recordingmarks=${marks}`);
    this.scheduler.schedule(at + this.options.endPurgeMs, () => {
      if (this.meetings.get(m.meetingId) === m) this.meetings.delete(m.meetingId);
    });
    if (marks) {
      const recording = this.recordings.startProcessing(m);
      this.scheduler.schedule(at + this.options.recordingProcessingMs, () => this.finishRecording(recording));
    }
    const url = m.metadata.get('endcallbackurl');
    if (url && this.callbacksEnabled) {
      this.scheduler.track(sendEndCallback(endCallbackUrl(url, marks, m.meetingId), this.options.log));
    }
    // BBB archives the events only for recorded meetings or with meetingKeepEvents.
    if (m.keepEvents || m.record) this.scheduler.schedule(at + this.options.analyticsDelayMs, () => this.sendAnalytics(m));
    this.rearm();
  }

  private sendAnalytics(m: SimMeeting): void {
    const body = analyticsPayload(m);
    this.analytics.set(m.meetingId, body);
    const url = m.metadata.get('analytics-callback-url');
    if (!url || !this.callbacksEnabled) return;
    this.scheduler.track(sendAnalytics(url, analyticsJwt(this.options.secret, Date.now()), body, this.options.log));
  }

  private finishRecording(rec: SimRecording): void {
    if (rec.state !== 'processing') return;
    this.recordings.publishProcessed(rec, this.options.origin(), this.options.recordingProcessingMs);
    this.options.log(`recording ${rec.recordId} published`);
    const key = READY_URL_KEYS.find((k) => rec.metadata.get(k));
    const url = key ? rec.metadata.get(key) : undefined;
    if (!url || !this.callbacksEnabled) return;
    const jwt = signJwt({ meeting_id: rec.meetingId, record_id: rec.recordId }, this.options.secret, this.options.jwtAlgorithm);
    const formats = rec.formats.map((f) => f.type);
    // post_publish runs once per published format, one after the other.
    this.scheduler.track(
      (async () => {
        for (const _format of formats) await sendRecordingReady(url, jwt, this.options.log);
      })(),
    );
  }

  /** Runs everything due at the (virtual) now, in time order: expiries, purges, recording processing. */
  sweep(): void {
    for (;;) {
      const now = this.now();
      let expiring: { m: SimMeeting; at: number } | undefined;
      for (const m of this.meetings.values()) {
        const at = expiryDue(m);
        if (at !== undefined && at <= now && (!expiring || at < expiring.at)) expiring = { m, at };
      }
      const taskAt = this.scheduler.nextTaskAt();
      if (expiring && (taskAt === undefined || taskAt > now || expiring.at <= taskAt)) {
        this.end(expiring.m, expiring.at, 'expiry');
        continue;
      }
      const task = this.scheduler.takeDue(now);
      if (!task) break;
      task.run();
    }
    this.rearm();
    this.scheduler.checkIdle();
  }

  rearm(): void {
    const dues = [...this.meetings.values()].map(expiryDue).filter((d): d is number => d !== undefined);
    const taskAt = this.scheduler.nextTaskAt();
    if (taskAt !== undefined) dues.push(taskAt);
    this.scheduler.arm(dues.length > 0 ? Math.min(...dues) : undefined);
  }

  async advanceTime(ms: number): Promise<void> {
    this.scheduler.advance(ms);
    this.sweep();
    await this.scheduler.drain();
  }
}
