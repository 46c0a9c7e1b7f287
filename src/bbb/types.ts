// The contract of the BigBlueButton API client (src/bbb/client.ts). BBB's own parameter names
// (meetingID, fullName, ...) stay inside src/bbb/; these types are what the rest of the code sees.

export type ChecksumAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface BbbClientOptions {
  /** Any of https://host, https://host/bigbluebutton, https://host/bigbluebutton/api (trailing slash ok). */
  url: string;
  secret: string;
  algorithm?: ChecksumAlgorithm; // default sha256
  timeoutMs?: number; // default 5000
  /** Extra attempts for read calls only (getMeetingInfo, isMeetingRunning, getMeetings, getRecordings, version). Default 2. */
  readRetries?: number;
  /** Answers longer than this are aborted with BbbResponseTooLargeError. Default 4 MB (MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Backoff before retry n (1-based), ms. Default 200 * 2^(n-1). */
  backoffMs?: (attempt: number) => number;
}

export interface ApiVersion {
  version: string;
  apiVersion?: string;
  bbbVersion?: string;
}

export interface CreateMeetingParams {
  meetingId: string;
  name: string;
  attendeePassword?: string;
  moderatorPassword?: string;
  welcome?: string;
  record?: boolean;
  autoStartRecording?: boolean;
  allowStartStopRecording?: boolean;
  maxParticipants?: number;
  /** Minutes; 0 = no limit. */
  duration?: number;
  logoutUrl?: string;
  /** Minutes (BBB 2.5+ meetingExpireIfNoUserJoinedInMinutes). */
  expireIfNoUserJoinedMinutes?: number;
  expireWhenLastUserLeftMinutes?: number;
  /** meetingKeepEvents: BBB archives the events (for the analytics callback) even when not recording. */
  keepEvents?: boolean;
  /** meta_<key>=<value>; keys must match [A-Za-z][A-Za-z0-9-]*. Sent as meta_<key>. */
  meta?: Record<string, string>;
  /** Lock settings, media defaults, layout and texts (classroom-params.ts maps them). */
  classroom?: ClassroomCreateParams;
}

export type MeetingLayout = 'custom' | 'smart' | 'presentation-focus' | 'video-focus';
/** Who admits guests (join with guest=true). */
export type GuestPolicy = 'always-accept' | 'ask-moderator' | 'always-deny';

/** A course's classroom settings as create sends them; absent = the server's default. */
export interface ClassroomCreateParams {
  muteOnStart?: boolean;
  webcamsOnlyForModerator?: boolean;
  lockCameras?: boolean;
  lockMicrophones?: boolean;
  lockPrivateChat?: boolean;
  lockPublicChat?: boolean;
  lockSharedNotes?: boolean;
  lockOnJoin?: boolean;
  layout?: MeetingLayout;
  guestPolicy?: GuestPolicy;
  moderatorOnlyMessage?: string;
  bannerText?: string;
}

/** HTML5 client options for one user's join (sent as userdata-bbb_*). */
export interface ClientOptions {
  listenOnly?: boolean;
  skipEchoTest?: boolean;
  autoJoinAudio?: boolean;
  autoShareWebcam?: boolean;
}

export interface CreatedMeeting {
  meetingId: string;
  internalMeetingId: string;
  attendeePassword?: string;
  moderatorPassword?: string;
  /** Epoch ms, as a string exactly as BBB sent it (keep it for join's createTime). */
  createTime: string;
  voiceBridge?: string;
  duplicate: boolean; // messageKey duplicateWarning
  hasUserJoined: boolean;
  /** True when the existing meeting was ended but not yet purged: retry create a moment later. */
  hasBeenForciblyEnded: boolean;
}

export interface JoinUrlParams {
  meetingId: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  userId?: string;
  createTime?: string;
  /** Deprecated password join (used only if given). */
  password?: string;
  redirect?: boolean;
  /**
   * true: a guest, the meeting's guestPolicy decides. false: not a guest, admitted whatever the
   * policy (with bbb-web's authenticatedGuest, a join without the parameter counts as an
   * authenticated user and waits under ASK_MODERATOR too).
   */
  guest?: boolean;
  /** userdata-<key>=<value> */
  userdata?: Record<string, string>;
  /** Client options (classroom-params.ts maps them to userdata-bbb_*). */
  client?: ClientOptions;
}

export interface Attendee {
  userId: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  isPresenter: boolean;
  isListeningOnly: boolean;
  hasJoinedVoice: boolean;
  hasVideo: boolean;
  clientType?: string;
  customdata: Record<string, string>;
}

export interface MeetingInfo {
  meetingName: string;
  meetingId: string;
  internalMeetingId: string;
  createTime: string;
  /** A string: may start with 0 (e.g. "09746"). */
  voiceBridge?: string;
  /** Deprecated passwords, as stored by the server (needed to repeat a create idempotently). */
  attendeePassword?: string;
  moderatorPassword?: string;
  running: boolean;
  hasUserJoined: boolean;
  hasBeenForciblyEnded: boolean;
  recording: boolean;
  /** Epoch ms; 0 when not started/ended. */
  startTime: number;
  endTime: number;
  duration: number;
  participantCount: number;
  moderatorCount: number;
  listenerCount: number;
  voiceParticipantCount: number;
  videoCount: number;
  maxUsers: number;
  attendees: Attendee[];
  /** Lower-cased metadata names as BBB returns them. */
  metadata: Record<string, string>;
  isBreakout: boolean;
}

export interface PlaybackFormat {
  type: string;
  url: string;
  /** Minutes. */
  length: number;
  processingTime?: number;
  /** Bytes, when the server reports it. */
  size?: number;
  /** Slide thumbnails (presentation format). */
  previewImages?: { url: string; alt?: string; width?: number; height?: number }[];
}

export interface Recording {
  recordId: string;
  meetingId: string;
  internalMeetingId?: string;
  name: string;
  published: boolean;
  state: string;
  startTime: number;
  endTime: number;
  participants?: number;
  metadata: Record<string, string>;
  formats: PlaybackFormat[];
}

export interface RecordingQuery {
  meetingId?: string | string[];
  recordId?: string | string[];
  /** Default BBB: published,unpublished. */
  state?: string[] | 'any';
  meta?: Record<string, string>;
  offset?: number;
  limit?: number;
}

/** The client's public surface. Every method goes through one chokepoint in client.ts. */
export interface BbbApi {
  readonly apiBase: string;
  version(): Promise<ApiVersion>;
  create(params: CreateMeetingParams): Promise<CreatedMeeting>;
  /** Signed join URL for the user's browser. No HTTP call. */
  joinUrl(params: JoinUrlParams): string;
  /** Throws BbbApiError with messageKey notFound when the meeting does not exist (validationError of early 2.4 is mapped to notFound). */
  getMeetingInfo(meetingId: string): Promise<MeetingInfo>;
  isMeetingRunning(meetingId: string): Promise<boolean>;
  getMeetings(): Promise<MeetingInfo[]>;
  end(meetingId: string): Promise<void>;
  getRecordings(query?: RecordingQuery): Promise<Recording[]>;
  publishRecordings(recordIds: string[], publish: boolean): Promise<boolean>;
  updateRecordings(recordIds: string[], meta: Record<string, string>): Promise<boolean>;
  deleteRecordings(recordIds: string[]): Promise<boolean>;
}
