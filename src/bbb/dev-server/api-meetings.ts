// create, isMeetingRunning, getMeetingInfo, getMeetings, end.
import { fail, messages } from './api-error.ts';
import { parseCreate, requireMeetingId } from './create-params.ts';
import { isRunning } from './meeting.ts';
import { createXml, meetingInfoXml, meetingsXml } from './meeting-xml.ts';
import { xmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';
import { el, response } from './xml.ts';

export function handleCreate(sim: Simulator, p: URLSearchParams): Reply {
  const { meeting, duplicate } = sim.create(parseCreate(p));
  return xmlReply(createXml(meeting, duplicate));
}

export function handleIsMeetingRunning(sim: Simulator, p: URLSearchParams): Reply {
  const meeting = sim.find(requireMeetingId(p));
  return xmlReply(response('SUCCESS', [el('running', meeting ? isRunning(meeting) : false)]));
}

export function handleGetMeetingInfo(sim: Simulator, p: URLSearchParams): Reply {
  const meeting = sim.find(requireMeetingId(p));
  if (!meeting) fail('notFound', messages.meetingNotFound);
  return xmlReply(meetingInfoXml(meeting));
}

export function handleGetMeetings(sim: Simulator): Reply {
  return xmlReply(meetingsXml([...sim.meetings.values()]));
}

export function handleEnd(sim: Simulator, p: URLSearchParams): Reply {
  const meeting = sim.find(requireMeetingId(p));
  if (!meeting) fail('notFound', messages.meetingNotFound);
  const password = p.get('password');
  if (password && password !== meeting.moderatorPW) fail('invalidPassword', messages.invalidPassword);
  sim.end(meeting, sim.now(), 'end API');
  return xmlReply(
    response('SUCCESS', [el('messageKey', 'sentEndMeetingRequest'), el('message', messages.sentEndMeetingRequest)]),
  );
}

export function handleVersion(origin: string): Reply {
  const ws = origin.replace(/^http/, 'ws');
  return xmlReply(
    response('SUCCESS', [
      el('version', '2.0'),
      el('apiVersion', '2.0'),
      el('bbbVersion', '3.0.0'),
      el('html5PluginSdkVersion', '0.0.95'),
      el('graphqlWebsocketUrl', `${ws}/graphql`),
      el('graphqlApiUrl', `${origin}/api/rest`),
    ]),
  );
}
