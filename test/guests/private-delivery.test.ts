// The guest invitation URL reaches only the teacher who asked (issue 13): a Slack ephemeral answer,
// a Matrix direct message from the bot; never the room.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { ADMIN, TEACHER } from '../fakes/slack-fake-app.ts';
import { buttons, type Harness, startHarness } from '../slack/harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from '../matrix/real-bot.ts';
import { ADMIN as MX_ADMIN, bodies, isPrivateRoom, TINA, until } from '../matrix/harness.ts';

const INVITATION = /\/g\/[A-Za-z0-9_-]{43}/;

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
let real: RealMatrixBot | undefined;
afterEach(async () => {
  await h?.close();
  await bot?.close();
  await real?.close();
  h = undefined;
  bot = undefined;
  real = undefined;
});

describe('guest invitations are delivered privately', () => {
  it('Slack: an ephemeral answer with the URL as a button; nothing posted to the channel', async () => {
    bot = await startTestBot({ http: true });
    h = await startHarness({ app: bot.app });
    const api = h.api;
    const answer = async (text: string, who: typeof ADMIN) => {
      const cmd = await h!.command(text, who);
      return (await api.waitFor(() => api.postsTo(cmd.responseUrl).length >= 1 && api.postsTo(cmd.responseUrl), 5000, `answer to ${text}`))[0]!;
    };
    await answer('config link MATH101 Algebra', ADMIN);
    await answer('config teacher add <@UTEACHER|tina>', ADMIN);
    const reply = await answer('guest --hours 3', TEACHER);
    expect(reply.body['response_type']).toBe('ephemeral');
    const url = buttons(reply.body).map((b) => b['url']).find((u) => typeof u === 'string') as string | undefined;
    expect(url).toMatch(new RegExp(`^${bot.publicUrl}/g/[A-Za-z0-9_-]{43}$`));
    for (const call of [...api.callsTo('chat.postMessage'), ...api.callsTo('chat.update')]) {
      expect(JSON.stringify(call.body)).not.toMatch(INVITATION);
    }
  });

  it('Matrix: a DM from the bot carries the URL; the room only hears that a DM was sent', async () => {
    real = await startRealMatrixBot({ http: true });
    const world = real.hs.world;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [{ userId: MX_ADMIN, displayName: 'Ada Admin' }, { userId: TINA, displayName: 'Tina Teacher' }],
    });
    const dmOf = (userId: string) => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
    world.sendText(room, MX_ADMIN, '!conference config link MATH101 Algebra');
    await until(() => bodies(world, room).length >= 1, 'link answer');
    world.sendText(room, MX_ADMIN, '!conference config teacher add @tina:school.edu');
    await until(() => bodies(world, room).length >= 2, 'teacher answer');
    world.sendText(room, TINA, '!conference guest');
    await until(() => bodies(world, dmOf(TINA)).some((b) => INVITATION.test(b)), 'the invitation in the DM');
    expect(isPrivateRoom(world, dmOf(TINA))).toBe(true);
    expect(bodies(world, dmOf(TINA)).find((b) => INVITATION.test(b))).toContain(`${real.bot.publicUrl}/g/`);
    for (const sent of world.sent) {
      if (sent.roomId !== dmOf(TINA)) expect(JSON.stringify(sent.content)).not.toMatch(INVITATION);
    }
  });
});
