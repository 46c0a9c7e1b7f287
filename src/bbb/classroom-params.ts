// BBB's names for the classroom settings (create) and client options (join userdata).
import type { ClassroomCreateParams, ClientOptions, GuestPolicy, MeetingLayout } from './types.ts';

const CREATE_FLAGS: [keyof ClassroomCreateParams, string][] = [
  ['muteOnStart', 'muteOnStart'],
  ['webcamsOnlyForModerator', 'webcamsOnlyForModerator'],
  ['lockCameras', 'lockSettingsDisableCam'],
  ['lockMicrophones', 'lockSettingsDisableMic'],
  ['lockPrivateChat', 'lockSettingsDisablePrivateChat'],
  ['lockPublicChat', 'lockSettingsDisablePublicChat'],
  ['lockSharedNotes', 'lockSettingsDisableNotes'],
  ['lockOnJoin', 'lockSettingsLockOnJoin'],
];

export const LAYOUTS: Record<MeetingLayout, string> = {
  custom: 'CUSTOM_LAYOUT',
  smart: 'SMART_LAYOUT',
  'presentation-focus': 'PRESENTATION_FOCUS',
  'video-focus': 'VIDEO_FOCUS',
};

const GUEST_POLICIES: Record<GuestPolicy, string> = {
  'always-accept': 'ALWAYS_ACCEPT',
  'ask-moderator': 'ASK_MODERATOR',
  'always-deny': 'ALWAYS_DENY',
};

const CLIENT_FLAGS: [keyof ClientOptions, string][] = [
  ['listenOnly', 'bbb_listen_only_mode'],
  ['skipEchoTest', 'bbb_skip_check_audio'],
  ['autoJoinAudio', 'bbb_auto_join_audio'],
  ['autoShareWebcam', 'bbb_auto_share_webcam'],
];

/** create's query pairs for the settings that are set (booleans as literal true/false). */
export function classroomCreatePairs(c: ClassroomCreateParams | undefined): [string, string][] {
  if (!c) return [];
  const out: [string, string][] = [];
  for (const [key, name] of CREATE_FLAGS) if (c[key] !== undefined) out.push([name, String(c[key])]);
  if (c.layout) out.push(['meetingLayout', LAYOUTS[c.layout]]);
  if (c.guestPolicy) out.push(['guestPolicy', GUEST_POLICIES[c.guestPolicy]]);
  if (c.moderatorOnlyMessage !== undefined) out.push(['moderatorOnlyMessage', c.moderatorOnlyMessage]);
  if (c.bannerText !== undefined) out.push(['bannerText', c.bannerText]);
  return out;
}

/** userdata keys (without the userdata- prefix) for the client options that are set. */
export function clientUserdata(c: ClientOptions | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of CLIENT_FLAGS) if (c?.[key] !== undefined) out[name] = String(c[key]);
  return out;
}
