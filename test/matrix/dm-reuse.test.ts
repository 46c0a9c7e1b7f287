// Issue 14 (Matrix variant): a student who already has the DM the bot created costs no read of
// the bot's whole m.direct record on the next join; the recorded DM is re-checked and reused.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, SAM, TINA, until } from './harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

describe('matrix: the recorded DM is reused without reading m.direct', () => {
  it('a second join goes to the same DM and reads no account data', async () => {
    real = await startRealMatrixBot();
    const world = real.hs.world;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [
        { userId: ADMIN, displayName: 'Ada Admin' },
        { userId: TINA, displayName: 'Tina Teacher' },
        { userId: SAM, displayName: 'Sam Student' },
      ],
    });
    for (const text of ['!conference config link MATH101 Algebra', '!conference config teacher add @tina:school.edu', '!conference start']) {
      const from = text.endsWith('start') ? TINA : ADMIN;
      const before = world.sentBy(room).length;
      world.sendText(room, from, text);
      await until(() => world.sentBy(room).length > before, text);
    }
    const links = (): number => world.sent.filter((s) => s.roomId !== room && /role=VIEWER/.test(JSON.stringify(s.content))).length;
    world.sendText(room, SAM, '!conference join');
    await until(() => links() === 1, 'the first link');
    const dm = real.bot.app.state.get('matrix-dm', SAM);
    expect(dm).toBeDefined();

    // Count the bot's reads of its account data (m.direct) from here on.
    const accountData = world.accountData;
    const get = accountData.get.bind(accountData);
    let reads = 0;
    accountData.get = (key: string) => ((reads += 1), get(key));
    world.sendText(room, SAM, '!conference join');
    await until(() => links() === 2, 'the second link');
    expect(world.sent.filter((s) => /role=VIEWER/.test(JSON.stringify(s.content))).map((s) => s.roomId)).toEqual([dm, dm]);
    expect(reads).toBe(0);
  });
});
