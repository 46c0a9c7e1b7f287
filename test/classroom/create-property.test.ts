// Property: whatever classroom settings a course has (any subset, any text), the create call the
// client signs is accepted by the dev server's checksum check and read back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BbbClient } from '../../src/bbb/client.ts';
import { LAYOUTS } from '../../src/bbb/classroom-params.ts';
import type { ClassroomCreateParams, MeetingLayout } from '../../src/bbb/types.ts';
import { isValidChecksum } from '../../src/bbb/dev-server/checksum.ts';
import { parseClassroom } from '../../src/bbb/dev-server/create-classroom.ts';

const SECRET = 'property-secret-0123456789';
const client = new BbbClient({
  url: 'http://bbb.test/bigbluebutton/',
  secret: SECRET,
  readRetries: 0,
  fetch: async (url) => {
    sent = String(url);
    throw new Error('not sending');
  },
});
let sent = '';

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
const settings: fc.Arbitrary<ClassroomCreateParams> = fc.record(
  {
    muteOnStart: fc.boolean(), webcamsOnlyForModerator: fc.boolean(), lockCameras: fc.boolean(), lockMicrophones: fc.boolean(),
    lockPrivateChat: fc.boolean(), lockPublicChat: fc.boolean(), lockSharedNotes: fc.boolean(), lockOnJoin: fc.boolean(),
    layout: fc.constantFrom(...(Object.keys(LAYOUTS) as MeetingLayout[])), moderatorOnlyMessage: text, bannerText: text,
  },
  { requiredKeys: [] },
);

describe('classroom create parameters (property)', () => {
  it('any settings are signed so that BBB accepts them, and read back as sent', () => {
    fc.assert(
      fc.property(settings, (c) => {
        void client.create({ meetingId: 'm1', name: 'Algebra', classroom: c }).catch(() => undefined);
        const raw = sent.split('?')[1]!;
        expect(isValidChecksum('create', raw, SECRET)).toBe(true);
        const got = parseClassroom(new URLSearchParams(raw));
        expect(got.muteOnStart).toBe(c.muteOnStart ?? false);
        expect(got.webcamsOnlyForModerator).toBe(c.webcamsOnlyForModerator ?? false);
        expect(got.lockSettings).toEqual({
          disableCam: c.lockCameras ?? false, disableMic: c.lockMicrophones ?? false, disablePrivateChat: c.lockPrivateChat ?? false,
          disablePublicChat: c.lockPublicChat ?? false, disableNotes: c.lockSharedNotes ?? false, lockOnJoin: c.lockOnJoin ?? true,
        });
        expect(got.meetingLayout).toBe(c.layout ? LAYOUTS[c.layout] : 'SMART_LAYOUT');
        expect(got.moderatorOnlyMessage).toBe(c.moderatorOnlyMessage ?? '');
        expect(got.bannerText).toBe(c.bannerText ?? '');
      }),
      { numRuns: 200 },
    );
  });
});
