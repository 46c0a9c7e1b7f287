// The test/demo handle on the simulated server: people entering and leaving, time, faults.
import { ApiError } from './api-error.ts';
import { leave, newInternalUserId, type Role, type SimMeeting } from './meeting.ts';
import type { Simulator } from './simulator.ts';
import { decide, waitingGuests } from './guest-lobby.ts';
import type { SimClassroom } from './create-classroom.ts';
import type { FaultSpec, Traffic } from './traffic.ts';

export interface DevBbbMeetingView {
  running: boolean;
  ended: boolean;
  attendees: { userId: string; fullName: string; role: string }[];
  record: boolean;
  /** Created with meetingKeepEvents=true. */
  keepEvents: boolean;
  metadata: Record<string, string>;
  /** What create set that getMeetingInfo does not show (lock settings, layout, texts). */
  classroom: SimClassroom;
  welcome: string;
  guestPolicy: string;
}

export interface DevBbbControl {
  /** Throws if the meeting is unknown, ended or full. */
  addAttendee(meetingId: string, a: { userId: string; fullName: string; role: Role }): void;
  removeAttendee(meetingId: string, userId: string): void;
  setLatency(ms: number): void;
  /** 'refuse' destroys the socket; 'timeout' never answers; times default Infinity. */
  injectFault(f: FaultSpec): void;
  clearFaults(): void;
  /** By API call name ('create', 'join', 'getMeetingInfo', ..., 'version' for the root). */
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  setCallbacks(enabled: boolean): void;
  /** Virtual clock: triggers expiry, duration end, purge and recording processing, and awaits the callbacks they fire. */
  advanceTime(ms: number): Promise<void>;
  meeting(meetingId: string): DevBbbMeetingView | undefined;
  /** As if a moderator ended it in the client. */
  endMeeting(meetingId: string): Promise<void>;
  /** As if a moderator pressed Record: the end callback then says recordingmarks=true. */
  markRecording(meetingId: string): void;
  /** As if the user chatted, raised a hand, voted or spoke (talk_time in seconds): added to the analytics. */
  engage(meetingId: string, userId: string, e: Partial<Record<'chats' | 'raisehand' | 'poll_votes' | 'talk_time', number>>): void;
  /** The analytics body built for the meeting's last session (sent to its callback URL or not). */
  analytics(meetingId: string): Record<string, unknown> | undefined;
  /** Guests waiting in the meeting's lobby (guest=true joins under ASK_MODERATOR), as moderators see them. */
  guestsWaiting(meetingId: string): { userId: string; fullName: string }[];
  /** As a moderator would in the client: admit a waiting guest (who enters at once) or deny them. */
  decideGuest(meetingId: string, userId: string, allow: boolean): void;
  /** Resolves when no callback or recording/purge timer work is pending. */
  idle(): Promise<void>;
}

function known(sim: Simulator, meetingId: string): SimMeeting {
  sim.sweep();
  const meeting = sim.find(meetingId);
  if (!meeting) throw new Error(`dev BBB: no meeting ${meetingId}`);
  return meeting;
}

export function createControl(sim: Simulator, traffic: Traffic): DevBbbControl {
  return {
    addAttendee(meetingId, a) {
      const meeting = known(sim, meetingId);
      const attendee = { ...a, internalUserId: newInternalUserId(), joinedAt: sim.now(), customdata: new Map<string, string>() };
      try {
        sim.admit(meeting, attendee);
      } catch (error) {
        if (error instanceof ApiError) throw new Error(`dev BBB: ${a.userId} cannot join ${meetingId}: ${error.key}`);
        throw error;
      }
    },
    removeAttendee(meetingId, userId) {
      const meeting = known(sim, meetingId);
      leave(meeting, userId, sim.now());
      sim.rearm();
    },
    setLatency(ms) {
      traffic.latencyMs = Math.max(0, ms);
    },
    injectFault: (f) => traffic.addFault(f),
    clearFaults: () => traffic.clearFaults(),
    callCounts: () => traffic.callCounts(),
    resetCallCounts: () => traffic.resetCallCounts(),
    setCallbacks(enabled) {
      sim.callbacksEnabled = enabled;
    },
    advanceTime: (ms) => sim.advanceTime(ms),
    meeting(meetingId) {
      sim.sweep();
      const m = sim.find(meetingId);
      if (!m) return undefined;
      return {
        running: !m.ended && m.attendees.length > 0,
        ended: m.ended,
        attendees: m.attendees.map((a) => ({ userId: a.userId, fullName: a.fullName, role: a.role })),
        record: m.record,
        keepEvents: m.keepEvents,
        metadata: Object.fromEntries(m.metadata),
        classroom: structuredClone(m.classroom),
        welcome: m.welcome,
        guestPolicy: m.guestPolicy,
      };
    },
    async endMeeting(meetingId) {
      sim.end(known(sim, meetingId), sim.now(), 'moderator');
      await sim.scheduler.drain();
    },
    markRecording(meetingId) {
      const meeting = known(sim, meetingId);
      if (!meeting.record) throw new Error(`dev BBB: meeting ${meetingId} was created without record=true`);
      meeting.recordingMarked = true;
    },
    engage(meetingId, userId, e) {
      const meeting = known(sim, meetingId);
      const sum = meeting.engagement.get(userId) ?? {};
      for (const [k, v] of Object.entries(e) as [keyof typeof e, number][]) sum[k] = (sum[k] ?? 0) + v;
      meeting.engagement.set(userId, sum);
    },
    analytics(meetingId) {
      sim.sweep();
      return sim.analytics.get(meetingId);
    },
    guestsWaiting: (meetingId) => waitingGuests(sim, known(sim, meetingId)).map((e) => ({ userId: e.attendee.userId, fullName: e.attendee.fullName })),
    decideGuest: (meetingId, userId, allow) => decide(sim, known(sim, meetingId), userId, allow),
    idle: () => sim.scheduler.idle(),
  };
}
