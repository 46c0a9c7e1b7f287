// End-to-end encryption against a real homeserver (Synapse; runs when SYNAPSE_URL is set), with
// an independent second client (matrix-nio + python-olm, e2ee-client.py): it makes an encrypted
// room and invites the bot; the bot reads commands there and answers encrypted; the moderator
// link arrives in an encrypted DM the bot made; after a restart the bot is the same device and
// still reads the room (the keys it had were restored from its store).
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../adapters/matrix/index.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { startNioClient, type NioClient } from './e2ee-client.ts';
import { HAVE_SYNAPSE, registerUser, SYNAPSE_URL, type SynapseUser } from './synapse.ts';

describe.skipIf(!HAVE_SYNAPSE)('matrix end-to-end encryption on a real homeserver (Synapse + matrix-nio)', { timeout: 300_000 }, () => {
  let botUser: SynapseUser;
  let tina: SynapseUser;
  let bot: TestBot;
  let adapter: MatrixAdapter;
  let nio: NioClient;
  let encryptedRoom = '';

  const startAdapter = async () => {
    adapter = await createMatrixAdapter({ app: bot.app, config: bot.config, log: bot.log });
    bot.app.attachMessenger(adapter.messenger);
    await adapter.start();
  };

  beforeAll(async () => {
    [botUser, tina] = await Promise.all([registerUser('cryptobot'), registerUser('tina')]);
    bot = await startTestBot({
      env: {
        MATRIX_HOMESERVER_URL: SYNAPSE_URL,
        MATRIX_ACCESS_TOKEN: botUser.token,
        MATRIX_ALLOWED_INVITERS: ':localhost',
        BOT_ADMINS: `matrix:${tina.userId}`,
      },
    });
    await startAdapter();
    nio = await startNioClient(SYNAPSE_URL, tina);
  }, 120_000);

  afterAll(async () => {
    await nio?.close();
    await adapter?.stop();
    if (process.env['MATRIX_TEST_LOGS']) console.log(bot?.log.lines.join('\n'));
    await bot?.close();
  });

  /** The bot's devices and their curve25519 keys, as the homeserver lists them. */
  async function botDevices(): Promise<Record<string, string>> {
    const r = await tina.api('POST', '/_matrix/client/v3/keys/query', { device_keys: { [botUser.userId]: [] } });
    const devices = (r['device_keys'] as Record<string, Record<string, { keys: Record<string, string> }>>)[botUser.userId] ?? {};
    return Object.fromEntries(Object.entries(devices).map(([id, d]) => [id, d.keys[`curve25519:${id}`] ?? '']));
  }

  /** Types of the bot's events in a room, as stored on the server (encrypted or not). */
  async function botEventTypes(roomId: string): Promise<string[]> {
    const r = await botUser.api('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=100`);
    return (r['chunk'] as { type: string; sender: string; state_key?: string }[])
      .filter((e) => e.sender === botUser.userId && e.state_key === undefined)
      .map((e) => e.type);
  }

  /** Sends a command; returns the bot's first answer in the room and the first anywhere matching `answer` (help goes to the DM). */
  async function command(roomId: string, body: string, answer: string): Promise<{ inRoom: Record<string, unknown>; match: Record<string, unknown> }> {
    const sent = await nio.call({ cmd: 'send', room_id: roomId, body, to: botUser.userId });
    const inRoom = await nio.call({ cmd: 'wait', room_id: roomId, sender: botUser.userId, pattern: '.', after: sent['seq'] });
    const match = await nio.call({ cmd: 'wait', room_id: null, sender: botUser.userId, pattern: answer, after: sent['seq'] });
    return { inRoom, match };
  }

  it('reads and answers encrypted, sends the link into an encrypted DM, and still reads the room after a restart', async () => {
    const { room_id: room } = (await nio.call({ cmd: 'create_room', invite: botUser.userId })) as { room_id: string };

    // The user accepts the bot's DM only after the bot has written into it: the key must have
    // gone to the invited user's device too.
    await nio.call({ cmd: 'hold_invites' });
    const asked = await nio.call({ cmd: 'send', room_id: room, body: '!conference help', to: botUser.userId });
    const notice = await nio.call({ cmd: 'wait', room_id: room, sender: botUser.userId, pattern: '.', after: asked['seq'] });
    expect(notice).toMatchObject({ decrypted: true, room_encrypted: true });
    const { joined } = (await nio.call({ cmd: 'join_invites' })) as { joined: string[] };
    expect(joined).toEqual([bot.app.state.get('matrix-dm', tina.userId)]);
    const help = await nio.call({ cmd: 'wait', room_id: joined[0], sender: botUser.userId, pattern: 'start', after: asked['seq'] });
    expect(help).toMatchObject({ decrypted: true, room_encrypted: true });
    expect(bot.log.lines.join('\n')).not.toMatch(/cannot read|could not decrypt/i);

    await command(room, '!conference config link MATH101 Algebra', 'MATH101');
    await command(room, `!conference config teacher add ${tina.userId}`, '.');
    const sent = await nio.call({ cmd: 'send', room_id: room, body: '!conference start', to: botUser.userId });
    const link = await nio.call({ cmd: 'wait', room_id: null, not_in: [room], sender: botUser.userId, pattern: 'role=MODERATOR|api/join', after: sent['seq'] });
    expect(link).toMatchObject({ decrypted: true, room_encrypted: true });
    expect(link['room_id']).toBe(joined[0]); // the encrypted DM is kept, not replaced by a new one
    // A file (the attendance CSV) in the encrypted DM is uploaded encrypted; the event carries its key.
    const asked2 = await nio.call({ cmd: 'send', room_id: room, body: '!conference report --csv', to: botUser.userId });
    const csv = await nio.call({ cmd: 'wait', room_id: joined[0], sender: botUser.userId, pattern: '\\.csv$', after: asked2['seq'] });
    expect(await nio.call({ cmd: 'fetch_file', seq: csv['seq'] })).toMatchObject({ encrypted: true, text: expect.stringContaining(',') });
    expect(new Set(await botEventTypes(room))).toEqual(new Set(['m.room.encrypted']));
    expect(new Set(await botEventTypes(String(link['room_id'])))).toEqual(new Set(['m.room.encrypted']));

    const cryptoDir = join(bot.dir, 'matrix-crypto');
    expect(readdirSync(cryptoDir).map((f) => [f, statSync(join(cryptoDir, f)).mode & 0o777]).sort()).toEqual([
      ['bot-sdk.json', 0o600],
      ['crypto-store.bin', 0o600],
    ]);
    expect(statSync(cryptoDir).mode & 0o777).toBe(0o700);
    const before = await botDevices();
    expect(Object.keys(before)).toHaveLength(1);
    await adapter.stop();
    await startAdapter();
    expect(await botDevices()).toEqual(before); // the same device, with the same identity key

    const again = await command(room, '!conference help', 'start');
    expect(again.inRoom).toMatchObject({ decrypted: true, room_encrypted: true });
    expect(again.match).toMatchObject({ decrypted: true, room_encrypted: true });
    expect(bot.log.lines.join('\n')).not.toMatch(/could not decrypt|encryption is off|Decryption error/i);
    encryptedRoom = room;
  });

  it('an encrypted room the user made with only the bot in it is shared, not a DM: a secret typed there is refused', async () => {
    const dm = bot.app.state.get('matrix-dm', tina.userId);
    const { room_id: own } = (await nio.call({ cmd: 'create_room', invite: botUser.userId })) as { room_id: string };
    const sent = await nio.call({ cmd: 'send', room_id: own, body: '!conference config server https://bbb.example.org/bigbluebutton/ c0ffeec0ffeec0ffeec0ffeec0ffee42', to: botUser.userId });
    const refusal = await nio.call({ cmd: 'wait', room_id: own, sender: botUser.userId, pattern: 'exposed', after: sent['seq'] });
    expect(refusal).toMatchObject({ decrypted: true, room_encrypted: true });
    expect(bot.app.state.get('matrix-dm', tina.userId)).toBe(dm);
  });

  it('a lost crypto store: one clear log line, no crash, and encrypted rooms are told the bot cannot read them', async () => {
    expect(encryptedRoom).not.toBe('');
    await adapter.stop();
    rmSync(join(bot.dir, 'matrix-crypto', 'crypto-store.bin'));
    const from = bot.log.lines.length;
    await startAdapter();
    const lines = bot.log.lines.slice(from);
    expect(lines.filter((l) => /encryption is off/.test(l))).toHaveLength(1);
    expect(lines.find((l) => /encryption is off/.test(l))).toMatch(/ERROR .*keys are lost.*new access token/);
    const sent = await nio.call({ cmd: 'send', room_id: encryptedRoom, body: '!conference help', to: botUser.userId });
    const notice = await nio.call({ cmd: 'wait', room_id: encryptedRoom, sender: botUser.userId, pattern: 'cannot read', after: sent['seq'] });
    expect(notice).toMatchObject({ decrypted: false, room_encrypted: true }); // a plain notice: the bot cannot encrypt now
  });
});
