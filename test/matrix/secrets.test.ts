// A BigBlueButton secret typed in a shared room is redacted before the core sees it; in the DM
// the bot made for the user (and still private) it goes to the core.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, bodies, botDm, classRoom, startHarness, TINA, until, type Harness } from './harness.ts';

const SECRET = 'e5f6a7b8c9d0e5f6a7b8c9d0e5f6a7b8c9d0';
let h: Harness;
afterEach(async () => {
  await h.close();
  expect(h.log.lines.join('\n')).not.toContain(SECRET);
});

function seenByCore(): string {
  return JSON.stringify(h.app.invocations);
}

describe('matrix adapter: secrets', () => {
  it('config server with a secret in a shared room: redacted, never passed to the core, warning in the room', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world, { botLevel: 50 });
    const cmd = world.sendText(room, TINA, `!conference config server https://bbb.school.edu/bigbluebutton/ ${SECRET}`);
    await until(() => bodies(world, room).length >= 1, 'warning');

    expect(world.redactions).toEqual([{ roomId: room, eventId: cmd, reason: 'contained a secret' }]);
    expect(world.room(room)?.timeline.find((e) => e.event_id === cmd)?.content).toEqual({});
    expect(h.app.invocations).toEqual([]);
    expect(seenByCore()).not.toContain(SECRET);
    const warning = world.sentBy(room)[0]?.content;
    expect(warning?.['msgtype']).toBe('m.notice');
    expect(warning?.['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: cmd } });
    expect(warning?.['body']).toContain('direct message');
    expect(warning?.['body']).toContain('bbb-conf --setsecret');
    expect(warning?.['body']).toContain('exposed');
    expect(JSON.stringify(world.sent)).not.toContain(SECRET);
  });

  it('also through a mention, and when the secret is edited into a message', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    const viaMention = world.sendText(room, TINA, `@classbot:school.edu config server https://x ${SECRET}`);
    const edit = world.sendText(room, TINA, `* !conference config server https://x ${SECRET}`, {
      content: {
        'm.new_content': { msgtype: 'm.text', body: `!conference config server https://x ${SECRET}` },
        'm.relates_to': { rel_type: 'm.replace', event_id: '$original:school.edu' },
      },
    });
    await until(() => world.redactions.length >= 2 && bodies(world, room).length >= 2, 'two redactions');
    expect(world.redactions.map((r) => r.eventId)).toEqual([viaMention, edit]);
    expect(h.app.invocations).toEqual([]);
  });

  it('when the bot may not redact, it says so and still keeps the secret from the core', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world, { botLevel: 0 });
    world.sendText(room, TINA, `!conference config server https://x ${SECRET}`);
    await until(() => bodies(world, room).length >= 1, 'warning');
    expect(world.redactions).toEqual([]);
    expect(bodies(world, room)[0]).toContain('could not delete it');
    expect(bodies(world, room)[0]).toContain('bbb-conf --setsecret');
    expect(h.app.invocations).toEqual([]);
  });

  it('config server without a secret, and other config commands, still reach the core from a shared room', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference config server https://x');
    world.sendText(room, TINA, '!conference config link MATH101 Algebra');
    await until(() => h.app.invocations.length >= 2, 'two invocations');
    expect(world.redactions).toEqual([]);
    expect(h.app.invocations.map((i) => i.text)).toEqual(['config server https://x', 'config link MATH101 Algebra']);
  });

  it('the same command in a DM with the bot goes to the core, not redacted', async () => {
    h = await startHarness();
    const { world } = h;
    const dm = await botDm(h, ADMIN, 'Ada Admin');
    world.sendText(dm, ADMIN, `!conference config server https://bbb.school.edu/bigbluebutton/ ${SECRET}`);
    await until(() => world.sentBy(dm).length >= 2, 'answer in the DM');
    expect(world.redactions).toEqual([]);
    expect(h.app.invocations).toHaveLength(1);
    expect(h.app.invocations[0]).toMatchObject({
      room: { id: dm, isDirect: true },
      text: `config server https://bbb.school.edu/bigbluebutton/ ${SECRET}`,
    });
    expect(bodies(world, dm)).toEqual(['Welcome.', 'Server saved.']);
  });

  it('a room listed in m.direct but with a third member is not a DM', async () => {
    h = await startHarness({ start: false });
    const { world } = h;
    const room = world.createRoom({ members: [{ userId: ADMIN }, { userId: '@eve:school.edu' }], botPowerLevel: 50 });
    world.setBotAccountData('m.direct', { [ADMIN]: [room] });
    await h.adapter.start();
    const cmd = world.sendText(room, ADMIN, `!conference config server https://x ${SECRET}`);
    await until(() => world.redactions.length === 1, 'redaction');
    expect(world.redactions[0]?.eventId).toBe(cmd);
    expect(h.app.invocations).toEqual([]);
  });
});
