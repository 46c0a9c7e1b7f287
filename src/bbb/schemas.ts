// zod schemas: the plain objects of xml.ts (every leaf a string) -> the types of types.ts.
// Each schema takes the content of <response>. Unknown elements are ignored (BBB adds fields
// between releases); the fields we rely on are required.
import { z } from 'zod';
import { isRecord } from './xml.ts';
import type {
  ApiVersion, Attendee, CreatedMeeting, MeetingInfo, PlaybackFormat, Recording,
} from './types.ts';

// --- leaf converters ------------------------------------------------------------------------
const text = z.string();
/** BBB writes lowercase true/false; tolerate other cases on the way in. */
const bool = z.string().trim().toLowerCase().pipe(z.enum(['true', 'false'])).transform((v) => v === 'true');
const int = z.string().trim().regex(/^-?\d+$/, 'expected an integer').transform(Number);
/** Optional numbers that older servers sometimes leave empty: anything but digits -> absent. */
const looseInt = z.string().optional().transform((s) => (s && /^\d+$/.test(s.trim()) ? Number(s) : undefined));

/** `<attendees/>` and `<meetings></meetings>` parse to ''; a list element holds `child` (always an array, see xml.ts). */
function list<T extends z.ZodType>(child: string, item: T) {
  return z.preprocess((v) => (v === '' || v === undefined ? [] : isRecord(v) ? (v[child] ?? []) : v), z.array(item));
}

/** metadata / customdata: user-chosen tag names, string values; `<metadata />` -> {}. */
const dict = z
  .preprocess((v) => (v === '' || v === undefined ? {} : v), z.record(z.string(), z.unknown()))
  .transform((r) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
    return out;
  });

/** Spread helper for exactOptionalPropertyTypes: `{}` when the value is absent. */
function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** <message> texts carry stray newlines and double spaces between releases. */
const squash = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

// --- envelope -------------------------------------------------------------------------------
export interface Envelope {
  returncode: 'SUCCESS' | 'FAILED';
  /** '' when the answer has no key (e.g. insertDocument failures carry only a message). */
  messageKey: string;
  message: string;
}

/** returncode + messageKey in both failure shapes: `<messageKey>` or `<errors><error><key>` (first key wins). */
export const envelopeSchema = z
  .object({
    returncode: z.enum(['SUCCESS', 'FAILED']),
    messageKey: text.optional(),
    message: text.optional(),
    errors: list('error', z.object({ key: text.optional(), message: text.optional() })).optional(),
  })
  .transform((r): Envelope => {
    const errors = r.errors ?? [];
    const messageKey = r.messageKey?.trim() || errors.find((e) => e.key?.trim())?.key?.trim() || '';
    const message =
      squash(r.message) || errors.map((e) => squash(e.message)).filter(Boolean).join('; ');
    return { returncode: r.returncode, messageKey, message };
  });

// --- calls ----------------------------------------------------------------------------------
export const versionSchema = z
  .object({ version: text, apiVersion: text.optional(), bbbVersion: text.optional() })
  .transform((r): ApiVersion => ({
    version: r.version,
    ...opt('apiVersion', r.apiVersion),
    ...opt('bbbVersion', r.bbbVersion),
  }));

export const createSchema = z
  .object({
    meetingID: text,
    internalMeetingID: text,
    attendeePW: text.optional(),
    moderatorPW: text.optional(),
    createTime: text.regex(/^\d+$/),
    voiceBridge: text.optional(), // a string: may start with 0 ("09746")
    hasUserJoined: bool.optional(),
    hasBeenForciblyEnded: bool.optional(),
    messageKey: text.optional(),
  })
  .transform((r): CreatedMeeting => ({
    meetingId: r.meetingID,
    internalMeetingId: r.internalMeetingID,
    ...opt('attendeePassword', r.attendeePW),
    ...opt('moderatorPassword', r.moderatorPW),
    createTime: r.createTime,
    ...opt('voiceBridge', r.voiceBridge),
    // A repeat create with identical passwords is SUCCESS + duplicateWarning, not an error.
    duplicate: r.messageKey?.trim() === 'duplicateWarning',
    hasUserJoined: r.hasUserJoined ?? false,
    hasBeenForciblyEnded: r.hasBeenForciblyEnded ?? false,
  }));

const attendeeSchema = z
  .object({
    userID: text,
    fullName: text,
    role: z.string().trim().toUpperCase().pipe(z.enum(['MODERATOR', 'VIEWER'])),
    isPresenter: bool,
    isListeningOnly: bool,
    hasJoinedVoice: bool,
    hasVideo: bool,
    clientType: text.optional(),
    customdata: dict.optional(),
  })
  .transform((r): Attendee => ({
    userId: r.userID,
    fullName: r.fullName,
    role: r.role,
    isPresenter: r.isPresenter,
    isListeningOnly: r.isListeningOnly,
    hasJoinedVoice: r.hasJoinedVoice,
    hasVideo: r.hasVideo,
    ...opt('clientType', r.clientType),
    customdata: r.customdata ?? {},
  }));

/** getMeetingInfo's <response>, and each <meeting> of getMeetings. */
export const meetingInfoSchema = z
  .object({
    meetingName: text,
    meetingID: text,
    internalMeetingID: text,
    createTime: text,
    voiceBridge: text.optional(),
    attendeePW: text.optional(),
    moderatorPW: text.optional(),
    running: bool,
    hasUserJoined: bool,
    hasBeenForciblyEnded: bool,
    recording: bool,
    startTime: int,
    endTime: int,
    duration: int,
    participantCount: int,
    moderatorCount: int,
    listenerCount: int,
    voiceParticipantCount: int,
    videoCount: int,
    maxUsers: int,
    attendees: list('attendee', attendeeSchema).optional(),
    metadata: dict.optional(),
    isBreakout: bool.optional(),
  })
  .transform((r): MeetingInfo => ({
    meetingName: r.meetingName,
    meetingId: r.meetingID,
    internalMeetingId: r.internalMeetingID,
    createTime: r.createTime,
    ...opt('voiceBridge', r.voiceBridge),
    ...opt('attendeePassword', r.attendeePW),
    ...opt('moderatorPassword', r.moderatorPW),
    running: r.running,
    hasUserJoined: r.hasUserJoined,
    hasBeenForciblyEnded: r.hasBeenForciblyEnded,
    recording: r.recording,
    startTime: r.startTime,
    endTime: r.endTime,
    duration: r.duration,
    participantCount: r.participantCount,
    moderatorCount: r.moderatorCount,
    listenerCount: r.listenerCount,
    voiceParticipantCount: r.voiceParticipantCount,
    videoCount: r.videoCount,
    maxUsers: r.maxUsers,
    attendees: r.attendees ?? [],
    metadata: r.metadata ?? {},
    isBreakout: r.isBreakout ?? false,
  }));

/** `<meetings/>` (messageKey noMeetings) -> []. */
export const meetingsSchema = z
  .object({ meetings: list('meeting', meetingInfoSchema).optional() })
  .transform((r) => r.meetings ?? []);

export const runningSchema = z.object({ running: bool }).transform((r) => r.running);

/** <image alt="" width="" height="">url</image>; attributes are prefixed @_ by xml.ts. */
const imageSchema = z.union([
  z.string().transform((url) => ({ url })),
  z
    .object({ '#text': text.default(''), '@_alt': text.optional(), '@_width': looseInt, '@_height': looseInt })
    .transform((i) => ({
      url: i['#text'],
      ...opt('alt', i['@_alt']),
      ...opt('width', i['@_width']),
      ...opt('height', i['@_height']),
    })),
]);

const formatSchema = z
  .object({
    type: text,
    url: text, // CDATA and &amp; already resolved by the parser
    length: looseInt, // minutes; absent on some processing formats
    processingTime: looseInt,
    size: looseInt,
    preview: z.object({ images: list('image', imageSchema).optional() }).or(z.literal('')).optional(),
  })
  .transform((f): PlaybackFormat => {
    const images = typeof f.preview === 'object' ? f.preview.images : undefined;
    return {
      type: f.type,
      url: f.url,
      length: f.length ?? 0,
      ...opt('processingTime', f.processingTime),
      ...opt('size', f.size),
      ...opt('previewImages', images?.length ? images : undefined),
    };
  });

const recordingSchema = z
  .object({
    recordID: text,
    meetingID: text,
    internalMeetingID: text.optional(), // absent on older servers
    name: text.default(''),
    published: bool,
    state: text,
    startTime: int,
    endTime: int,
    participants: looseInt,
    metadata: dict.optional(),
    playback: z.object({ format: z.array(formatSchema).optional() }).or(z.literal('')).optional(),
  })
  .transform((r): Recording => ({
    recordId: r.recordID,
    meetingId: r.meetingID,
    ...opt('internalMeetingId', r.internalMeetingID),
    name: r.name,
    published: r.published,
    state: r.state,
    startTime: r.startTime,
    endTime: r.endTime,
    ...opt('participants', r.participants),
    metadata: r.metadata ?? {},
    formats: typeof r.playback === 'object' ? (r.playback.format ?? []) : [],
  }));

/** Empty `<recordings></recordings>` (messageKey noRecordings) -> []. */
export const recordingsSchema = z
  .object({ recordings: list('recording', recordingSchema).optional() })
  .transform((r) => r.recordings ?? []);

export const publishedSchema = z.object({ published: bool }).transform((r) => r.published);
export const deletedSchema = z.object({ deleted: bool }).transform((r) => r.deleted);
export const updatedSchema = z.object({ updated: bool }).transform((r) => r.updated);
