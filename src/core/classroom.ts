// Classroom settings of a course: one table declares each `config set` option, where it goes
// (create parameters or the client options of every join link) and what values it takes.
// Stored as text per course (store/classroom.ts); an unset option leaves BBB's default.
import type { ClassroomCreateParams, ClientOptions, GuestPolicy, MeetingLayout } from '../bbb/types.ts';

type Kind = 'flag' | 'choice' | 'text';

export interface ClassroomOption {
  name: string;
  kind: Kind;
  /** 'create': sent when the meeting is created; 'join': in every join link of the course. */
  at: 'create' | 'join';
  key: keyof ClassroomCreateParams | keyof ClientOptions;
  /** The values of a 'choice'. */
  choices?: readonly string[];
  /** What create sends while the course has not set it (else the server's default applies). */
  fallback?: string;
}

const flag = (name: string, key: keyof ClassroomCreateParams): ClassroomOption => ({ name, kind: 'flag', at: 'create', key });
const client = (name: string, key: keyof ClientOptions): ClassroomOption => ({ name, kind: 'flag', at: 'join', key });

export const LAYOUT_NAMES: readonly MeetingLayout[] = ['custom', 'smart', 'presentation-focus', 'video-focus'];
export const GUEST_POLICIES: readonly GuestPolicy[] = ['always-accept', 'ask-moderator', 'always-deny'];

export const CLASSROOM_OPTIONS: readonly ClassroomOption[] = [
  flag('mute-on-start', 'muteOnStart'),
  flag('webcams-only-for-moderators', 'webcamsOnlyForModerator'),
  flag('lock-cameras', 'lockCameras'),
  flag('lock-microphones', 'lockMicrophones'),
  flag('lock-private-chat', 'lockPrivateChat'),
  flag('lock-public-chat', 'lockPublicChat'),
  flag('lock-notes', 'lockSharedNotes'),
  flag('lock-on-join', 'lockOnJoin'),
  { name: 'layout', kind: 'choice', at: 'create', key: 'layout', choices: LAYOUT_NAMES },
  // Guests (PUBLIC_URL/g/...) wait for a moderator unless the course says otherwise.
  { name: 'guest-policy', kind: 'choice', at: 'create', key: 'guestPolicy', choices: GUEST_POLICIES, fallback: 'ask-moderator' },
  { name: 'moderator-message', kind: 'text', at: 'create', key: 'moderatorOnlyMessage' },
  { name: 'banner', kind: 'text', at: 'create', key: 'bannerText' },
  client('listen-only', 'listenOnly'),
  client('skip-echo-test', 'skipEchoTest'),
  client('auto-join-audio', 'autoJoinAudio'),
  client('auto-share-webcam', 'autoShareWebcam'),
];

/** BBB shows the banner on one line; the moderator message is like the welcome text. */
export const TEXT_MAX: Record<string, number> = { 'moderator-message': 1000, banner: 200 };

export function classroomOption(name: string): ClassroomOption | undefined {
  return CLASSROOM_OPTIONS.find((o) => o.name === name);
}

const ON = ['on', 'true', 'yes'];
const OFF = ['off', 'false', 'no'];

/**
 * The stored form of a typed value: 'true'/'false', one of the choices, a text; null = back to the
 * server's default ('default', or 'none' for a text). undefined = not a valid value.
 */
export function parseClassroomValue(o: ClassroomOption, raw: string): string | null | undefined {
  const word = raw.trim().toLowerCase();
  if (word === 'default' || (o.kind === 'text' && word === 'none')) return null;
  if (o.kind === 'flag') return ON.includes(word) ? 'true' : OFF.includes(word) ? 'false' : undefined;
  if (o.kind === 'choice') return o.choices?.includes(word) ? word : undefined;
  const text = raw.trim();
  return text.length >= 1 && [...text].length <= (TEXT_MAX[o.name] ?? 1000) ? text : undefined;
}

function typed(o: ClassroomOption, stored: string): boolean | string {
  return o.kind === 'flag' ? stored === 'true' : stored;
}

/** What create sends for the course's stored settings. */
export function createSettings(stored: ReadonlyMap<string, string>): ClassroomCreateParams {
  const out: Record<string, boolean | string> = {};
  for (const o of CLASSROOM_OPTIONS) {
    const v = stored.get(o.name) ?? o.fallback;
    if (o.at === 'create' && v !== undefined) out[o.key] = typed(o, v);
  }
  return out as ClassroomCreateParams;
}

/** The client options of one user's link: the course's, then the user's own preferences on top. */
export function clientOptions(course: ReadonlyMap<string, string>, user: ReadonlyMap<string, string>): ClientOptions {
  const out: Record<string, boolean | string> = {};
  for (const o of CLASSROOM_OPTIONS) {
    const v = user.get(o.name) ?? course.get(o.name);
    if (o.at === 'join' && v !== undefined) out[o.key] = typed(o, v);
  }
  return out as ClientOptions;
}
