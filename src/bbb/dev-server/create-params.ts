// Validation of create's parameters, with bbb-web's keys and rules.
import { fail } from './api-error.ts';
import { parseClassroom, type SimClassroom } from './create-classroom.ts';

export interface CreateSpec {
  meetingId: string;
  name: string;
  attendeePW: string | undefined;
  moderatorPW: string | undefined;
  voiceBridge: string | undefined;
  dialNumber: string;
  welcome: string;
  logoutUrl: string;
  record: boolean;
  autoStartRecording: boolean;
  allowStartStopRecording: boolean;
  maxParticipants: number;
  duration: number;
  expireNoJoinMin: number;
  expireLastLeftMin: number;
  guestPolicy: string;
  /** meetingKeepEvents: events archived (and the analytics callback sent) without recording. */
  keepEvents: boolean;
  metadata: Map<string, string>;
  classroom: SimClassroom;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const META_NAME = /^meta_([A-Za-z][A-Za-z0-9-]*)$/;

/** meta_<name> parameters whose name is acceptable, lower-cased, in order. */
export function metaParams(p: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of p) {
    const match = META_NAME.exec(key);
    if (match?.[1]) out.set(match[1].toLowerCase(), value);
  }
  return out;
}

/** Validation accepts true/false/0/1 in any case; only the literal `true` reads as true. */
export function booleanParam(p: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = p.get(name);
  if (value === null || value === '') return fallback;
  if (!/^(true|false|0|1)$/i.test(value)) fail('validationError', `Invalid boolean value for ${name}`);
  return value === 'true';
}

export function integerParam(p: URLSearchParams, name: string, fallback: number): number {
  const value = p.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) fail('validationError', `Invalid integer value for ${name}`);
  return Number(value);
}

function lengthChecked(value: string, what: string, min: number, max: number): string {
  const length = [...value].length;
  if (length < min || length > max) fail('validationError', `${what} must be between ${min} and ${max} characters`);
  if (CONTROL_CHARS.test(value)) fail('validationError', `${what} must not contain control characters`);
  return value;
}

function password(p: URLSearchParams, name: string): string | undefined {
  const value = p.get(name);
  if (value === null || value === '') return undefined;
  const length = [...value].length;
  if (length < 2 || length > 64) fail('invalidPassword', `${name} must be between 2 and 64 characters`);
  return value;
}

export function requireMeetingId(p: URLSearchParams): string {
  const meetingId = p.get('meetingID');
  if (meetingId === null || meetingId.trim() === '') {
    fail('missingParamMeetingID', 'You must specify a meeting ID for the meeting.');
  }
  return meetingId;
}

export function parseCreate(p: URLSearchParams): CreateSpec {
  const meetingId = lengthChecked(requireMeetingId(p), 'Meeting ID', 2, 256);
  if (meetingId.includes(',')) fail('validationError', 'Meeting ID cannot contain \',\'');
  const name = lengthChecked(p.get('name') ?? '', 'Meeting name', 2, 256);
  const voiceBridge = p.get('voiceBridge') || undefined;
  if (voiceBridge !== undefined && !/^\d{5}$/.test(voiceBridge)) fail('validationError', 'Invalid voiceBridge');
  const guestPolicy = p.get('guestPolicy') || 'ALWAYS_ACCEPT';
  if (!['ALWAYS_ACCEPT', 'ALWAYS_DENY', 'ASK_MODERATOR', 'ALWAYS_ACCEPT_AUTH'].includes(guestPolicy)) {
    fail('validationError', 'Invalid guestPolicy');
  }
  return {
    meetingId,
    name,
    attendeePW: password(p, 'attendeePW'),
    moderatorPW: password(p, 'moderatorPW'),
    voiceBridge,
    dialNumber: p.get('dialNumber') || '613-555-1234',
    welcome: p.get('welcome') ?? '',
    logoutUrl: p.get('logoutURL') ?? '',
    record: booleanParam(p, 'record', false),
    autoStartRecording: booleanParam(p, 'autoStartRecording', false),
    allowStartStopRecording: booleanParam(p, 'allowStartStopRecording', true),
    maxParticipants: integerParam(p, 'maxParticipants', 0),
    duration: integerParam(p, 'duration', 0),
    expireNoJoinMin: integerParam(p, 'meetingExpireIfNoUserJoinedInMinutes', 5),
    expireLastLeftMin: integerParam(p, 'meetingExpireWhenLastUserLeftInMinutes', 1),
    guestPolicy,
    keepEvents: booleanParam(p, 'meetingKeepEvents', false),
    metadata: metaParams(p),
    classroom: parseClassroom(p),
  };
}
