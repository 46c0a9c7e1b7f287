// The classroom settings and client options under BBB's own parameter names (bbb-web's
// ApiParams: lockSettingsDisableNotes, not the deprecated lockSettingsDisableNote), signed as sent.
import { describe, expect, it } from 'vitest';
import { BbbClient } from '../../src/bbb/client.ts';
import { isValidChecksum } from '../../src/bbb/dev-server/checksum.ts';

const SECRET = 'a-shared-secret-of-some-length';

function createQuery(classroom: object): URLSearchParams {
  let sent = '';
  const client = new BbbClient({
    url: 'http://bbb.test/bigbluebutton/',
    secret: SECRET,
    fetch: async (url) => {
      sent = String(url);
      throw new Error('not sending');
    },
    readRetries: 0,
  });
  void client.create({ meetingId: 'm1', name: 'Algebra', classroom }).catch(() => undefined);
  const raw = sent.split('?')[1]!;
  expect(isValidChecksum('create', raw, SECRET)).toBe(true);
  return new URLSearchParams(raw);
}

describe('BBB names of the classroom settings', () => {
  it('create carries every setting under its bbb-web name', () => {
    const q = createQuery({
      muteOnStart: true, webcamsOnlyForModerator: false, lockCameras: true, lockMicrophones: false, lockPrivateChat: true,
      lockPublicChat: false, lockSharedNotes: true, lockOnJoin: false, layout: 'presentation-focus', guestPolicy: 'ask-moderator',
      moderatorOnlyMessage: 'Only for you & co', bannerText: 'Exam week',
    });
    expect(Object.fromEntries([...q].filter(([k]) => !['meetingID', 'name', 'checksum'].includes(k)))).toEqual({
      muteOnStart: 'true', webcamsOnlyForModerator: 'false', lockSettingsDisableCam: 'true', lockSettingsDisableMic: 'false',
      lockSettingsDisablePrivateChat: 'true', lockSettingsDisablePublicChat: 'false', lockSettingsDisableNotes: 'true',
      lockSettingsLockOnJoin: 'false', meetingLayout: 'PRESENTATION_FOCUS', guestPolicy: 'ASK_MODERATOR', moderatorOnlyMessage: 'Only for you & co', bannerText: 'Exam week',
    });
  });

  it('join carries the client options as userdata-bbb_* next to any other userdata', () => {
    const client = new BbbClient({ url: 'http://bbb.test/bigbluebutton/', secret: SECRET });
    const url = new URL(client.joinUrl({
      meetingId: 'm1', fullName: 'Sam', role: 'VIEWER', userdata: { course: 'MATH101' },
      client: { listenOnly: true, skipEchoTest: false, autoJoinAudio: true, autoShareWebcam: false },
    }));
    expect(isValidChecksum('join', url.search.slice(1), SECRET)).toBe(true);
    expect(Object.fromEntries([...url.searchParams].filter(([k]) => k.startsWith('userdata-')))).toEqual({
      'userdata-course': 'MATH101',
      'userdata-bbb_listen_only_mode': 'true',
      'userdata-bbb_skip_check_audio': 'false',
      'userdata-bbb_auto_join_audio': 'true',
      'userdata-bbb_auto_share_webcam': 'false',
    });
  });
});
