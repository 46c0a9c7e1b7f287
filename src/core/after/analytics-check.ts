// BBB's learning-analytics POST in domain terms: the Bearer JWT (HS512 as BBB signs it, HS256
// accepted; `exp` required) checked with the shared secret, then the JSON body read into an
// ExactReport. The body is trusted only after the token check.
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { ExactReport } from '../../store/analytics.ts';

export type AnalyticsCheck =
  | { ok: true; meetingId: string; report: ExactReport }
  | { ok: false; why: 'bad-token' | 'bad-payload' };

/** Ruby's Time as ActiveSupport serialises it (ISO 8601 with offset); epoch ms accepted too. */
const instant = z.union([z.string().refine((s) => Number.isFinite(Date.parse(s))).transform((s) => Date.parse(s)), z.number().int().nonnegative()]);
const count = z.number().nonnegative().catch(0).transform(Math.round);

const attendee = z.object({
  ext_user_id: z.string().min(1).max(256),
  name: z.string().max(512),
  moderator: z.boolean().catch(false),
  joins: z.array(instant).max(10_000),
  leaves: z.array(instant).max(10_000),
  duration: count,
  engagement: z.object({ chats: count, raisehand: count, poll_votes: count, talk_time: count }).partial().catch({}),
});

const body = z.object({
  meeting_id: z.string().min(1).max(256),
  data: z.object({
    start: instant.nullish(),
    finish: instant.nullish(),
    attendees: z.array(attendee).max(10_000),
  }),
});

export async function checkAnalytics(authorization: string | undefined, raw: Buffer, secret: string): Promise<AnalyticsCheck> {
  const jwt = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '')?.[1];
  if (!jwt) return { ok: false, why: 'bad-token' };
  try {
    await jwtVerify(jwt, new TextEncoder().encode(secret), { algorithms: ['HS512', 'HS256'], requiredClaims: ['exp'] });
  } catch (err) {
    if (err instanceof errors.JOSEError) return { ok: false, why: 'bad-token' };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, why: 'bad-payload' };
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return { ok: false, why: 'bad-payload' };
  const { data } = parsed.data;
  return {
    ok: true,
    meetingId: parsed.data.meeting_id,
    report: {
      startedAt: data.start ?? null,
      finishedAt: data.finish ?? null,
      attendees: data.attendees.map((a) => ({
        extUserId: a.ext_user_id,
        name: a.name,
        moderator: a.moderator,
        joins: a.joins,
        leaves: a.leaves,
        durationSeconds: a.duration,
        talkSeconds: a.engagement.talk_time ?? 0,
        chats: a.engagement.chats ?? 0,
        raisedHands: a.engagement.raisehand ?? 0,
        pollVotes: a.engagement.poll_votes ?? 0,
      })),
    },
  };
}
