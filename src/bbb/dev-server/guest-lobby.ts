// BBB's guest lobby. Each join is decided as bbb-web's Meeting.calcGuestStatus does with
// authenticatedGuest=true (as bigbluebutton.properties ships it): moderators and joins with
// guest=false are let in; otherwise ALWAYS_ACCEPT lets in, ALWAYS_DENY refuses the join
// (guestDeniedAccess), ASK_MODERATOR sends guest=true joins and joins without the parameter
// (counted as authenticated users) to the lobby, ALWAYS_ACCEPT_AUTH only guest=true ones. A waiting
// user's browser is sent to the guest wait page; they are no participant (not in getMeetingInfo,
// no seat) until a moderator admits them, then they enter with the role they joined with. The
// wait page refreshes itself, as BBB's polls, and shows the outcome.
import { ApiError, messages } from './api-error.ts';
import { randomAlnum, type SimAttendee, type SimMeeting } from './meeting.ts';
import { escapeHtml, joinedPage, joinErrorPage, page } from './pages.ts';
import { htmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';

export type GuestStatus = 'ALLOW' | 'WAIT' | 'DENY';

export interface LobbyEntry {
  meeting: SimMeeting;
  attendee: SimAttendee;
  status: GuestStatus;
}

/** What bbb-web decides for a join: `guestParam` is the join's guest parameter (null: absent). */
export function guestStatus(policy: string, role: string, guestParam: string | null): GuestStatus {
  const provided = guestParam !== null && guestParam !== '';
  const guest = guestParam === 'true';
  if (role === 'MODERATOR' || (provided && !guest)) return 'ALLOW';
  if (policy === 'ALWAYS_ACCEPT') return 'ALLOW';
  if (policy === 'ASK_MODERATOR') return 'WAIT'; // a guest, or an "authenticated" user without the parameter
  if (policy === 'ALWAYS_ACCEPT_AUTH') return guest ? 'WAIT' : 'ALLOW';
  return 'DENY';
}

/** Puts a guest in the lobby; returns the session token of its wait page. */
export function waitInLobby(sim: Simulator, meeting: SimMeeting, attendee: SimAttendee): string {
  const token = randomAlnum(16);
  sim.lobby.set(token, { meeting, attendee, status: 'WAIT' });
  sim.options.log(`${attendee.fullName} (${attendee.userId}) waits in the guest lobby of ${meeting.meetingId}`);
  return token;
}

export function waitingGuests(sim: Simulator, meeting: SimMeeting): LobbyEntry[] {
  return [...sim.lobby.values()].filter((e) => e.meeting === meeting && e.status === 'WAIT');
}

/** A moderator's decision on a waiting guest: admitted guests enter the meeting at once. */
export function decide(sim: Simulator, meeting: SimMeeting, userId: string, allow: boolean): void {
  const entry = waitingGuests(sim, meeting).find((e) => e.attendee.userId === userId);
  if (!entry) throw new Error(`dev BBB: no guest ${userId} waiting in ${meeting.meetingId}`);
  entry.status = allow ? 'ALLOW' : 'DENY';
  if (!allow) return sim.options.log(`guest ${userId} denied in ${meeting.meetingId}`);
  try {
    sim.admit(meeting, { ...entry.attendee, joinedAt: sim.now() });
  } catch (error) {
    entry.status = 'WAIT';
    if (error instanceof ApiError) throw new Error(`dev BBB: guest ${userId} cannot enter ${meeting.meetingId}: ${error.key}`);
    throw error;
  }
}

/** GET /html5client/guestWait?sessionToken=…: the lobby page a waiting guest's browser shows. */
export function guestWaitReply(sim: Simulator, q: URLSearchParams): Reply {
  const entry = sim.lobby.get(q.get('sessionToken') ?? '');
  if (!entry) return htmlReply(joinErrorPage('invalidSession', 'This session token is not valid (any more).'), 401);
  const { meeting, attendee } = entry;
  if (meeting.ended) return htmlReply(joinErrorPage('meetingForciblyEnded', messages.meetingForciblyEnded));
  if (entry.status === 'ALLOW') return htmlReply(joinedPage(meeting, attendee));
  if (entry.status === 'DENY') return htmlReply(joinErrorPage('guestDeniedAccess', messages.guestDeniedAccess));
  const text = `${attendee.fullName} is waiting in the guest lobby of ${meeting.name}.`;
  const body = `<p>${escapeHtml(text)}</p>\n<p>Please wait for a moderator to approve you joining the meeting.</p>`;
  return htmlReply(page('Guest lobby', body).replace('</title>', '</title><meta http-equiv="refresh" content="1">'));
}
