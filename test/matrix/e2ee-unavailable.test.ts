// MATRIX_ENCRYPTION=on (the default) with a homeserver where encryption cannot work: the fake
// homeserver without key endpoints (set-up fails), or one that refuses the key upload (the
// client's start fails). One error line, the bot runs on, and encrypted rooms get the plain
// "cannot read" notice, as with encryption off: never a crash loop.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, TINA, until, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('matrix adapter: encryption on but unavailable', () => {
  it.each([
    ['no key endpoints', 'absent', /end-to-end encryption is off: it could not be set up/],
    ['key upload refused', 'refuse-upload', /end-to-end encryption failed to start; running without it/],
  ] as const)('%s: logs one error, keeps running, and tells an encrypted room it cannot read it', async (_, keys, error) => {
    h = await startHarness({ env: { MATRIX_ENCRYPTION: 'on' }, keys });
    const errors = h.log.lines.filter((l) => / ERROR /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(error);
    const room = h.world.inviteBot({ inviter: TINA, encrypted: true });
    await until(() => h!.world.sentBy(room).length === 1, 'notice');
    expect(h.world.sentBy(room)[0]?.content).toEqual({ msgtype: 'm.notice', body: expect.stringContaining('encrypted') });
  });
});
