// join: who may enter, with which role, and what the browser (or a redirect=false caller) gets back.
import { ApiError, fail, messages } from './api-error.ts';
import { requireMeetingId } from './create-params.ts';
import { hasSeatFor, newInternalUserId, randomAlnum, type Role, type SimAttendee, type SimMeeting } from './meeting.ts';
import { joinedPage, joinErrorPage } from './pages.ts';
import { guestStatus, waitInLobby } from './guest-lobby.ts';
import { htmlReply, redirectReply, xmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';
import { el, failedXml, response } from './xml.ts';

function roleOf(m: SimMeeting, p: URLSearchParams): Role {
  const role = p.get('role')?.toUpperCase();
  if (role === 'MODERATOR' || role === 'VIEWER') return role; // role wins over any password
  const password = p.get('password');
  if (password === null || password === '') fail('Params required', messages.paramsRequired);
  if (password === m.moderatorPW) return 'MODERATOR';
  if (password === m.attendeePW) return 'VIEWER';
  return fail('invalidPassword', messages.invalidPassword);
}

function customdata(p: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of p) {
    const parts = name.split('-');
    if (parts[0] === 'userdata' && parts.length === 2 && parts[1]) out.set(parts[1], value);
  }
  return out;
}

function prepare(sim: Simulator, p: URLSearchParams): { meeting: SimMeeting; attendee: SimAttendee; waiting: boolean } {
  const meetingId = requireMeetingId(p);
  const fullName = p.get('fullName');
  if (fullName === null || fullName.trim() === '') fail('missingParamFullName', messages.missingParamFullName);
  const meeting = sim.find(meetingId);
  if (!meeting) fail('invalidMeetingIdentifier', messages.invalidMeetingIdentifier);
  if (meeting.ended) fail('meetingForciblyEnded', messages.meetingForciblyEnded);
  const role = roleOf(meeting, p);
  const createTime = p.get('createTime');
  if (createTime !== null && createTime !== String(meeting.createTime)) {
    fail('mismatchCreateTimeParam', messages.mismatchCreateTimeParam);
  }
  const internalUserId = newInternalUserId();
  const userId = p.get('userID') || internalUserId;
  if (!hasSeatFor(meeting, userId)) fail('maxParticipantsReached', messages.maxParticipantsReached);
  const status = guestStatus(meeting.guestPolicy, role, p.get('guest'));
  if (status === 'DENY') fail('guestDeniedAccess', messages.guestDeniedAccess);
  const attendee: SimAttendee = { userId, internalUserId, fullName, role, joinedAt: sim.now(), customdata: customdata(p) };
  return { meeting, attendee, waiting: status === 'WAIT' };
}

export function handleJoin(sim: Simulator, p: URLSearchParams): Reply {
  const redirect = p.get('redirect') !== 'false';
  try {
    const { meeting, attendee, waiting } = prepare(sim, p);
    // A waiting guest's session token opens the lobby page; anyone else's opens the client.
    const token = waiting ? waitInLobby(sim, meeting, attendee) : randomAlnum(16);
    const lobbyUrl = `${sim.options.origin()}/html5client/guestWait?sessionToken=${token}`;
    if (!redirect) {
      if (!waiting) sim.sessions.set(token, { meeting, attendee });
      return xmlReply(
        response('SUCCESS', [
          el('messageKey', waiting ? 'guestWait' : 'successfullyJoined'),
          el('message', waiting ? messages.guestWait : messages.successfullyJoined),
          el('meeting_id', meeting.internalMeetingId),
          el('user_id', attendee.internalUserId),
          el('auth_token', randomAlnum(12)),
          el('session_token', token),
          el('guestStatus', waiting ? 'WAIT' : 'ALLOW'),
          el('url', waiting ? lobbyUrl : `${sim.options.origin()}/html5client/join?sessionToken=${token}`),
        ]),
      );
    }
    if (waiting) return redirectReply(lobbyUrl);
    sim.admit(meeting, attendee);
    return htmlReply(joinedPage(meeting, attendee));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return redirect ? htmlReply(joinErrorPage(error.key, error.message)) : xmlReply(failedXml(error.key, error.message));
  }
}

/** The client URL of a redirect=false join: opening it puts the user inside. */
export function handleClientJoin(sim: Simulator, q: URLSearchParams): Reply {
  const session = sim.sessions.get(q.get('sessionToken') ?? '');
  if (!session) return htmlReply(joinErrorPage('invalidSession', 'This session token is not valid (any more).'), 401);
  try {
    sim.admit(session.meeting, session.attendee);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return htmlReply(joinErrorPage(error.key, error.message));
  }
  return htmlReply(joinedPage(session.meeting, session.attendee));
}
