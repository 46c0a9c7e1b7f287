// `!conference report last --chart` through Matrix end to end: the PNG is uploaded to the media
// repository and sent as an m.image in the teacher's DM with the bot, never in the class room (which
// only hears "I sent you a direct message"); a student gets the same refusal as for `report`.
import { afterEach, describe, expect, it } from 'vitest';
import { PNG_WIDTH } from '../../src/core/after/chart/render.ts';
import { decodePng } from '../helpers/png.ts';
import { settle } from '../helpers/test-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, isPrivateRoom, SAM, TINA, until } from './harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';

let real: RealMatrixBot | undefined;
afterEach(async () => {
  if (real) expectNoJoinUrlInSharedRooms(real.hs.world);
  await real?.close();
  real = undefined;
});

describe('Matrix: report --chart', () => {
  it("sends the PNG as an m.image in the teacher's DM only; a student is refused as for report", async () => {
    real = await startRealMatrixBot({});
    const { bot, hs } = real;
    const world = hs.world;
    const room = world.createRoom({
      name: 'Algebra', botPowerLevel: 50,
      members: [{ userId: ADMIN, displayName: 'Ada Admin' }, { userId: TINA, displayName: 'Tina Teacher' }, { userId: SAM, displayName: 'Sam Student' }],
    });
    const dmOf = (userId: string): string => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
    /** Types a command; waits until the room has `seen` (default: any new message) and the bot is idle. */
    const command = async (sender: string, text: string, seen?: RegExp): Promise<void> => {
      const before = world.sentBy(room).length;
      world.sendText(room, sender, text);
      await until(() => world.sentBy(room).slice(before).some((s) => (seen ?? /./).test(String(s.content['body']))), `an answer to "${text}"`, 10_000);
      await settle(bot);
    };
    await command(ADMIN, '!conference config link MATH101 Algebra');
    await command(ADMIN, '!conference config teacher add @tina:school.edu');
    await command(TINA, '!conference start', /started the class/);
    await command(TINA, '!conference end', /has ended/);

    const roomBefore = world.sentBy(room).length;
    await command(TINA, '!conference report last --chart');
    const tinaDm = dmOf(TINA);
    await until(() => world.sentBy(tinaDm).some((s) => s.content['msgtype'] === 'm.image'), "the picture in tina's DM", 10_000);
    const image = world.sentBy(tinaDm).find((s) => s.content['msgtype'] === 'm.image')!;
    expect(world.uploads).toHaveLength(1);
    const upload = world.uploads[0]!;
    expect(upload.contentType).toBe('image/png');
    expect(upload.filename).toMatch(/^attendance-MATH101-\d{4}-\d\d-\d\d\.png$/);
    expect(image.content).toEqual({ msgtype: 'm.image', body: upload.filename, filename: upload.filename, url: upload.mxc, info: { mimetype: 'image/png', size: upload.data.length, w: 1200, h: expect.any(Number) } });
    expect((image.content['info'] as { h: number }).h).toBe(upload.data.readUInt32BE(20)); // the PNG's own height
    expect(decodePng(upload.data).width).toBe(PNG_WIDTH);
    expect(bodies(world, tinaDm)).toContainEqual(expect.stringMatching(/^Attendance of Algebra \(MATH101\) on \d{4}-\d\d-\d\d, as a picture \(times in UTC\)\.$/));
    expect(isPrivateRoom(world, tinaDm)).toBe(true);
    expect(bodies(world, room).slice(roomBefore)).toEqual([`${TINA}: I sent you a direct message.`]);
    expect(world.sent.filter((s) => JSON.stringify(s.content).includes('mxc://')).map((s) => s.roomId)).toEqual([tinaDm]);

    await command(SAM, '!conference report last --chart');
    await command(SAM, '!conference report');
    const [chart, report] = bodies(world, dmOf(SAM)).slice(-2);
    expect(chart).toContain('Only the teachers and coaches');
    expect(chart).toBe(report);
    expect(world.uploads).toHaveLength(1);
  });
});
