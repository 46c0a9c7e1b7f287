// MATRIX_ENCRYPTION=on (the default) with a homeserver where encryption cannot be set up (the
// fake homeserver has no key endpoints): one error line, the bot runs on, and encrypted rooms
// get the plain "cannot read" notice, as with encryption off.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, TINA, until, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('matrix adapter: encryption on but unavailable', () => {
  it('logs one error, keeps running, and tells an encrypted room it cannot read it', async () => {
    h = await startHarness({ env: { MATRIX_ENCRYPTION: 'on' } });
    const errors = h.log.lines.filter((l) => / ERROR /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/end-to-end encryption is off: it could not be set up/);
    const room = h.world.inviteBot({ inviter: TINA, encrypted: true });
    await until(() => h!.world.sentBy(room).length === 1, 'notice');
    expect(h.world.sentBy(room)[0]?.content).toEqual({ msgtype: 'm.notice', body: expect.stringContaining('encrypted') });
  });
});
