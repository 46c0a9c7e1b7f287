// A FAILED answer of the simulated API: BBB's stable messageKey plus its English message.

export class ApiError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const messages = {
  checksumError: 'Checksums do not match',
  missingParamMeetingID: 'You must specify a meeting ID for the meeting.',
  missingParamFullName: 'You must specify a name for the attendee who will be joining the meeting.',
  missingParamRecordID: 'You must specify one or more a record IDs.',
  missingParamPublish: 'You must specify a publish value true or false.',
  idNotUnique: 'A meeting already exists with that meeting ID. Please use a different meeting ID.',
  meetingNotFound: 'A meeting with that ID does not exist',
  recordingsNotFound: 'We could not find recordings',
  invalidMeetingIdentifier: 'The meeting ID that you supplied did not match any existing meetings',
  meetingForciblyEnded:
    'You can not re-join a meeting that has already been forcibly ended.  However, once the meeting is removed from the server (after approximately one minute) you will be able to re-create it.',
  invalidPassword: 'The password you submitted is not valid.',
  paramsRequired: 'You must provide either a password or a role (MODERATOR or VIEWER).',
  mismatchCreateTimeParam: 'The createTime parameter submitted mismatches with the current meeting.',
  maxParticipantsReached: 'The number of participants allowed for this meeting has been reached.',
  guestDeniedAccess: "You have been denied access to this meeting based on the meeting's guest policy",
  nonUniqueVoiceBridge: 'The selected voice bridge is already in use.',
  duplicateWarning: 'This conference was already in existence and may currently be in progress.',
  sentEndMeetingRequest:
    'A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended',
  noMeetings: 'no meetings were found on this server',
  noRecordings: 'There are no recordings for the meeting(s).',
  successfullyJoined: 'You have joined successfully.',
  guestWait: 'Guest waiting for approval to join meeting.',
} as const;

export function fail(key: string, message: string): never {
  throw new ApiError(key, message);
}
