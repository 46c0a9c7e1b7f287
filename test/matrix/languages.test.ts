// Matrix with the real core: in a Spanish course, the adapter's own notices in the room (the DM
// pointer) and the room announcements are Spanish; a user's override moves only their DMs.
import { afterEach, describe, expect, it } from 'vitest';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';
import { ADMIN, bodies, SAM, TINA, until } from './harness.ts';
import { messages } from '../../src/i18n/index.ts';

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

describe('Matrix: which language', () => {
  it('room notices follow the course (Spanish); private answers follow the reader (French after language fr)', async () => {
    real = await startRealMatrixBot();
    const world = real.hs.world;
    const room = world.createRoom({
      name: 'Álgebra',
      botPowerLevel: 50,
      members: [
        { userId: ADMIN, displayName: 'Ada Admin' },
        { userId: TINA, displayName: 'Tina Teacher' },
        { userId: SAM, displayName: 'Sam Student' },
      ],
    });
    const dmOf = (userId: string) => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
    const inRoom = (n: number) => until(() => bodies(world, room).length >= n, `${n} messages in the room`);
    for (const [i, cmd] of ['config link MATH101 Algebra', 'config teacher add @tina:school.edu', 'config set language es'].entries()) {
      world.sendText(room, ADMIN, `!conference ${cmd}`);
      await inRoom(i + 1);
    }
    const es = messages('es');
    world.sendText(room, SAM, '!conference language fr');
    await until(() => bodies(world, room).some((b) => b === `${SAM}: ${es.matrix.dmSent(false)}` || b === `${SAM}: ${es.matrix.dmSent(true)}`), 'the DM pointer in Spanish');
    await until(() => bodies(world, dmOf(SAM)).includes(messages('fr').languageSet('!conference', 'français')), 'the answer in French');

    world.sendText(room, TINA, '!conference start');
    await until(() => bodies(world, room).some((b) => b.startsWith(es.started('Tina Teacher', 'Algebra (MATH101)'))), 'the announcement in Spanish');
    world.sendText(room, SAM, '!conference join');
    await until(() => bodies(world, dmOf(SAM)).some((b) => b.startsWith(messages('fr').yourViewerLink('Algebra (MATH101)'))), 'the link in French');
  });
});
