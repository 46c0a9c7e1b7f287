// The Messenger port (messages that are not answers: notify-me, meeting ended, recording ready).
import { afterEach, describe, expect, it } from 'vitest';
import { bodies, botDm, classRoom, SAM, startHarness, TINA, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('matrix adapter: messenger', () => {
  it('sends room notices, refusing join links', async () => {
    h = await startHarness();
    const { world, adapter } = h;
    expect(adapter.messenger.platform).toBe('matrix');
    const room = classRoom(world);
    await adapter.messenger.sendToRoom(room, {
      audience: 'room',
      text: 'The recording of MATH101 is ready.',
      links: [{ url: 'https://bbb.school.edu/playback/presentation/2.3/abc', label: 'Watch', kind: 'recording' }],
    });
    expect(world.sentBy(room)[0]?.content).toMatchObject({
      msgtype: 'm.notice',
      formatted_body: 'The recording of MATH101 is ready.<br><a href="https://bbb.school.edu/playback/presentation/2.3/abc">Watch</a>',
    });
    const joinLink = { url: 'https://bbb.school.edu/bigbluebutton/api/join?x=1', label: 'Join', kind: 'join-viewer' as const };
    await expect(adapter.messenger.sendToRoom(room, { audience: 'room', text: 'x', links: [joinLink] })).rejects.toThrow(/join link/);
    // Even a reply marked for one user is refused when it is sent to a room.
    await expect(adapter.messenger.sendToRoom(room, { audience: 'user', text: 'x', links: [joinLink] })).rejects.toThrow(/join link/);
    expect(world.sentBy(room)).toHaveLength(1);
  });

  it('sendToUser uses the DM (existing, else created), links included', async () => {
    h = await startHarness();
    const { world, adapter } = h;
    const dm = await botDm(h, TINA, 'Tina Teacher');
    const link = { url: 'https://bbb.school.edu/bigbluebutton/api/join?y=2', label: 'Join', kind: 'join-viewer' as const };
    await adapter.messenger.sendToUser(TINA, { audience: 'user', text: 'MATH101 has started.', links: [link] });
    expect(world.sentBy(dm)).toHaveLength(2);
    await adapter.messenger.sendToUser(SAM, { audience: 'user', text: 'MATH101 has started.', links: [link] });
    expect(world.createRoomRequests).toHaveLength(2);
    expect(world.accountData.get('m.direct')).toMatchObject({ [TINA]: [dm], [SAM]: [expect.any(String)] });
    const samDm = (world.accountData.get('m.direct') as Record<string, string[]>)[SAM]?.[0] ?? '';
    expect(bodies(world, samDm)[0]).toContain('api/join?y=2');
  });
});
