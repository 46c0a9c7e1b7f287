// create's classroom parameters (lock settings, media defaults, layout, texts) with bbb-web's
// defaults. BBB keeps them in the meeting but getMeetingInfo does not return them, so the dev
// server shows them only through its control API (control.meeting(id).classroom).
import { booleanParam } from './create-params.ts';

export interface SimClassroom {
  muteOnStart: boolean;
  webcamsOnlyForModerator: boolean;
  lockSettings: {
    disableCam: boolean;
    disableMic: boolean;
    disablePrivateChat: boolean;
    disablePublicChat: boolean;
    disableNotes: boolean;
    lockOnJoin: boolean;
  };
  meetingLayout: string;
  moderatorOnlyMessage: string;
  bannerText: string;
}

/** bbb.properties defaultMeetingLayout in 2.6+. */
const DEFAULT_LAYOUT = 'SMART_LAYOUT';

export function parseClassroom(p: URLSearchParams): SimClassroom {
  return {
    muteOnStart: booleanParam(p, 'muteOnStart', false),
    webcamsOnlyForModerator: booleanParam(p, 'webcamsOnlyForModerator', false),
    lockSettings: {
      disableCam: booleanParam(p, 'lockSettingsDisableCam', false),
      disableMic: booleanParam(p, 'lockSettingsDisableMic', false),
      disablePrivateChat: booleanParam(p, 'lockSettingsDisablePrivateChat', false),
      disablePublicChat: booleanParam(p, 'lockSettingsDisablePublicChat', false),
      disableNotes: booleanParam(p, 'lockSettingsDisableNotes', false),
      lockOnJoin: booleanParam(p, 'lockSettingsLockOnJoin', true),
    },
    // bbb-web keeps any non-empty layout as given (ParamsProcessorUtil); the client falls back on unknown ones.
    meetingLayout: p.get('meetingLayout') || DEFAULT_LAYOUT,
    moderatorOnlyMessage: p.get('moderatorOnlyMessage') ?? '',
    bannerText: p.get('bannerText') ?? '',
  };
}
