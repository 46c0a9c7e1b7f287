// BBB callbacks in domain terms: the meeting-ended GET (a per-meeting token in the path) and the
// recording-ready JWT (signed with the server's shared secret, HS256 or HS512 as Scalelite does).
import { errors, jwtVerify } from 'jose';
import type { MeetingRecord } from '../model.ts';

export type RecordingReadyCheck =
  | { ok: true; recordId: string; meetingId?: string }
  | { ok: false; why: 'bad-signature' | 'bad-payload' };

const RECORD_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** The meeting a meeting-ended callback is about, or undefined (unknown token, or a meetingID that is not its). */
export function endedCallbackMeeting(
  byToken: (token: string) => MeetingRecord | undefined,
  token: string,
  meetingIdParam: string | null,
): MeetingRecord | undefined {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return undefined;
  const row = byToken(token);
  if (!row || (meetingIdParam !== null && meetingIdParam !== row.bbbMeetingId)) return undefined;
  return row;
}

/** Verifies `signed_parameters` with the shared secret; only HS256 and HS512 are accepted. */
export async function checkRecordingReady(jwt: string, secret: string): Promise<RecordingReadyCheck> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, new TextEncoder().encode(secret), { algorithms: ['HS256', 'HS512'] }));
  } catch (err) {
    if (err instanceof errors.JOSEError) return { ok: false, why: 'bad-signature' };
    throw err;
  }
  const recordId = payload.record_id;
  const meetingId = payload.meeting_id;
  if (typeof recordId !== 'string' || !RECORD_ID.test(recordId)) return { ok: false, why: 'bad-payload' };
  if (meetingId !== undefined && typeof meetingId !== 'string') return { ok: false, why: 'bad-payload' };
  return meetingId ? { ok: true, recordId, meetingId } : { ok: true, recordId };
}
