// The learning-analytics callback as BBB's post_events_analytics_callback.rb sends it: a POST of
// the bbbevents parse of the meeting's events (every join and leave, engagement), with a Bearer
// JWT (HS512, header {"typ":"JWT","alg":"HS512"}, payload {"exp": now + 24 h}) signed with the secret.
import { createHmac } from 'node:crypto';
import type { SimMeeting } from './meeting.ts';

const TIMEOUT_MS = 5_000;
const DAY_S = 24 * 3600;

/** Ruby Time as ActiveSupport serialises it: `2025-01-01T10:00:04.000+00:00`. */
const rubyTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
const snake = (key: string): string => key.replace(/-/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export function analyticsJwt(secret: string, nowMs: number): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part({ typ: 'JWT', alg: 'HS512' })}.${part({ exp: Math.floor(nowMs / 1000) + DAY_S })}`;
  return `${input}.${createHmac('sha512', secret).update(input).digest('base64url')}`;
}

/** The body BBB posts for an ended meeting, built from what happened in it. */
export function analyticsPayload(m: SimMeeting): Record<string, unknown> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of m.metadata) if (!key.startsWith('gl-') && key !== 'meeting-id') metadata[snake(key)] = value;
  const byUser = new Map<string, SimMeeting['stays']>();
  for (const stay of m.stays) byUser.set(stay.userId, [...(byUser.get(stay.userId) ?? []), stay]);
  const attendees = [...byUser].map(([userId, stays]) => {
    const e = m.engagement.get(userId) ?? {};
    const left = (s: (typeof stays)[number]): number => s.leftAt ?? m.endTime;
    return {
      ext_user_id: userId,
      name: stays.at(-1)!.fullName,
      moderator: stays.some((s) => s.moderator),
      joins: stays.map((s) => rubyTime(s.joinedAt)),
      leaves: stays.map((s) => rubyTime(left(s))),
      duration: Math.round(stays.reduce((sum, s) => sum + (left(s) - s.joinedAt), 0) / 1000),
      recent_talking_time: 0,
      engagement: { chats: e.chats ?? 0, talks: e.talk_time ? 1 : 0, raisehand: e.raisehand ?? 0, emojis: 0, poll_votes: e.poll_votes ?? 0, talk_time: e.talk_time ?? 0 },
    };
  });
  return {
    version: '1.0',
    meeting_id: m.meetingId,
    internal_meeting_id: m.internalMeetingId,
    data: {
      metadata,
      duration: Math.round((m.endTime - m.startTime) / 1000),
      start: rubyTime(m.startTime),
      finish: rubyTime(m.endTime),
      attendees,
      files: ['default.pdf'],
      polls: [],
    },
  };
}

export async function sendAnalytics(url: string, jwt: string, body: Record<string, unknown>, log: (line: string) => void): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}`, 'user-agent': 'BigBlueButton Analytics Callback' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    log(`analytics callback POST ${url} -> HTTP ${res.status}`);
  } catch (error) {
    log(`analytics callback POST ${url} failed: ${String(error)}`);
  }
}
