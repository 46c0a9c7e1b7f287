// The meeting model: one BBB session (from create to purge) and the pure rules on it.
import { createHash, randomBytes } from 'node:crypto';
import type { CreateSpec } from './create-params.ts';

export type Role = 'MODERATOR' | 'VIEWER';

export interface SimAttendee {
  /** External userID if the join carried one, else the internal id. */
  userId: string;
  internalUserId: string;
  fullName: string;
  role: Role;
  joinedAt: number;
  customdata: Map<string, string>;
}

/** One stay of one user, for the analytics callback (events.xml's join and leave). */
export interface SimStay {
  userId: string;
  fullName: string;
  moderator: boolean;
  joinedAt: number;
  leftAt: number | undefined;
}

/** One session: what create asked for (passwords and voice bridge settled), plus its live state. */
export interface SimMeeting extends Omit<CreateSpec, 'attendeePW' | 'moderatorPW' | 'voiceBridge'> {
  internalMeetingId: string;
  attendeePW: string;
  moderatorPW: string;
  createTime: number;
  voiceBridge: string;
  startTime: number;
  endTime: number;
  hasUserJoined: boolean;
  ended: boolean;
  forciblyEnded: boolean;
  attendees: SimAttendee[];
  /** Distinct users who were ever inside (recording participants). */
  participants: Set<string>;
  lastLeftAt: number | undefined;
  /** A moderator pressed Record (control.markRecording). */
  recordingMarked: boolean;
  /** Every join and leave, in order (the analytics callback is built from them). */
  stays: SimStay[];
  /** Chats, raised hands, poll votes, talk time by userID (control.engage). */
  engagement: Map<string, Partial<Record<'chats' | 'raisehand' | 'poll_votes' | 'talk_time', number>>>;
}

const MINUTE = 60_000;

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

export function randomAlnum(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function randomPassword(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function newInternalUserId(): string {
  return `w_${randomAlnum(12)}`;
}

/** Java's Date.toString() in UTC: "Thu Jun 13 14:36:53 UTC 2024". */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

export function isRunning(m: SimMeeting): boolean {
  return !m.ended && m.attendees.length > 0;
}

/** recordingmarks of the end callback: record=true and someone pressed Record (or autoStart with a user inside). */
export function recordingMarks(m: SimMeeting): boolean {
  return m.record && (m.recordingMarked || (m.autoStartRecording && m.hasUserJoined));
}

/** When the meeting will end by itself (duration or expiry), if it will. */
export function expiryDue(m: SimMeeting): number | undefined {
  if (m.ended) return undefined;
  const dues: number[] = [];
  if (m.duration > 0) dues.push(m.createTime + m.duration * MINUTE);
  if (!m.hasUserJoined && m.expireNoJoinMin > 0) dues.push(m.createTime + m.expireNoJoinMin * MINUTE);
  if (m.hasUserJoined && m.attendees.length === 0 && m.lastLeftAt !== undefined && m.expireLastLeftMin > 0) {
    dues.push(m.lastLeftAt + m.expireLastLeftMin * MINUTE);
  }
  return dues.length > 0 ? Math.min(...dues) : undefined;
}

/** Seats are distinct userIDs inside; the same userID rejoining takes no new seat; 0 = unlimited. */
export function hasSeatFor(m: SimMeeting, userId: string): boolean {
  if (m.maxParticipants <= 0) return true;
  const inside = new Set(m.attendees.map((a) => a.userId));
  return inside.has(userId) || inside.size < m.maxParticipants;
}

export function enter(m: SimMeeting, attendee: SimAttendee, now: number): void {
  const index = m.attendees.findIndex((a) => a.userId === attendee.userId);
  if (index >= 0) m.attendees[index] = attendee;
  else m.attendees.push(attendee);
  if (index < 0) {
    m.stays.push({ userId: attendee.userId, fullName: attendee.fullName, moderator: attendee.role === 'MODERATOR', joinedAt: now, leftAt: undefined });
  }
  m.hasUserJoined = true;
  m.participants.add(attendee.userId);
  m.lastLeftAt = undefined;
}

export function leave(m: SimMeeting, userId: string, now: number): boolean {
  const before = m.attendees.length;
  m.attendees = m.attendees.filter((a) => a.userId !== userId);
  for (const stay of m.stays) if (stay.userId === userId && stay.leftAt === undefined) stay.leftAt = now;
  if (before > 0 && m.attendees.length === 0) m.lastLeftAt = now;
  return m.attendees.length !== before;
}

/** The presenter is the moderator who has been inside longest (else nobody). */
export function presenterId(m: SimMeeting): string | undefined {
  return m.attendees.find((a) => a.role === 'MODERATOR')?.userId;
}
