// XML of create, getMeetingInfo and getMeetings, element for element as real bbb-web answers.
import { messages } from './api-error.ts';
import { isRunning, javaDate, presenterId, type SimMeeting } from './meeting.ts';
import { el, isXmlName, response, type XmlNode } from './xml.ts';

function mapNodes(map: Map<string, string>): XmlNode[] {
  return [...map].filter(([name]) => isXmlName(name)).map(([name, value]) => el(name, value));
}

export function createXml(m: SimMeeting, duplicate: boolean): string {
  return response('SUCCESS', [
    el('meetingID', m.meetingId),
    el('internalMeetingID', m.internalMeetingId),
    el('parentMeetingID', 'bbb-none'),
    el('attendeePW', m.attendeePW),
    el('moderatorPW', m.moderatorPW),
    el('createTime', m.createTime),
    el('voiceBridge', m.voiceBridge),
    el('dialNumber', m.dialNumber),
    el('createDate', javaDate(m.createTime)),
    el('hasUserJoined', m.hasUserJoined),
    el('duration', m.duration),
    el('hasBeenForciblyEnded', m.forciblyEnded),
    el('messageKey', duplicate ? 'duplicateWarning' : ''),
    el('message', duplicate ? messages.duplicateWarning : ''),
  ]);
}

function attendeeNodes(m: SimMeeting): XmlNode[] {
  const presenter = presenterId(m);
  return m.attendees.map((a) =>
    el('attendee', [
      el('userID', a.userId),
      el('fullName', a.fullName),
      el('role', a.role),
      el('isPresenter', a.userId === presenter),
      el('isListeningOnly', false),
      el('hasJoinedVoice', false),
      el('hasVideo', false),
      el('clientType', 'HTML5'),
      a.customdata.size > 0 ? el('customdata', mapNodes(a.customdata)) : el('customdata', ''),
    ]),
  );
}

/** The children shared by getMeetingInfo's <response> and getMeetings' <meeting>. */
export function meetingFields(m: SimMeeting): XmlNode[] {
  return [
    el('meetingName', m.name),
    el('meetingID', m.meetingId),
    el('internalMeetingID', m.internalMeetingId),
    el('createTime', m.createTime),
    el('createDate', javaDate(m.createTime)),
    el('voiceBridge', m.voiceBridge),
    el('dialNumber', m.dialNumber),
    el('attendeePW', m.attendeePW),
    el('moderatorPW', m.moderatorPW),
    el('running', isRunning(m)),
    el('duration', m.duration),
    el('hasUserJoined', m.hasUserJoined),
    el('recording', m.record),
    el('hasBeenForciblyEnded', m.forciblyEnded),
    el('startTime', m.startTime),
    el('endTime', m.endTime),
    el('participantCount', m.attendees.length),
    el('listenerCount', 0),
    el('voiceParticipantCount', 0),
    el('videoCount', 0),
    el('maxUsers', m.maxParticipants),
    el('moderatorCount', m.attendees.filter((a) => a.role === 'MODERATOR').length),
    el('attendees', attendeeNodes(m)),
    el('metadata', mapNodes(m.metadata)),
    el('isBreakout', false),
  ];
}

export function meetingInfoXml(m: SimMeeting): string {
  return response('SUCCESS', meetingFields(m));
}

export function meetingsXml(meetings: SimMeeting[]): string {
  if (meetings.length === 0) {
    return response('SUCCESS', [el('meetings', []), el('messageKey', 'noMeetings'), el('message', messages.noMeetings)]);
  }
  return response('SUCCESS', [el('meetings', meetings.map((m) => el('meeting', meetingFields(m))))]);
}
