// The compatibility layer (vendor/matrix-sdk-crypto-compat) on its own: the call shapes
// matrix-bot-sdk 0.7 uses, a real Olm/Megolm exchange with an independent wasm device in both
// directions, and the store file: the same device and its keys after a restart, sealed, 0600.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerClaim, answerQueries, compat, roomEvent, toDeviceEvents, uploadKeys, wasm,
  type CompatMachine, type Uploaded,
} from './crypto-peer.ts';

const BOT = '@bot:school.test';
const PEER = '@tina:school.test';
const ROOM = '!class:school.test';
const SECRET = Buffer.alloc(32, 3);

describe('matrix crypto compatibility layer (wasm behind the nodejs binding API)', { timeout: 60_000 }, () => {
  let dir: string;
  let bot: CompatMachine;
  let botKeys: Uploaded;
  let peer: wasm.OlmMachine;
  let peerKeys: Uploaded;
  /** An event the peer encrypted for the room before the bot restarted. */
  let earlier: Record<string, unknown>;

  const openBot = () => compat.OlmMachine.initialize(new compat.UserId(BOT), new compat.DeviceId('BOTDEVICE'), dir, '', 0);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bbb-crypto-compat-'));
    compat.configureCryptoStore(dir, { secret: SECRET });
    bot = await openBot();
    botKeys = await uploadKeys(bot);
    peer = await wasm.OlmMachine.initialize(new wasm.UserId(PEER), new wasm.DeviceId('PEERDEVICE'));
    peerKeys = await uploadKeys(peer);
  });

  afterAll(async () => {
    await compat.closeCryptoStore(dir);
    peer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads signed device keys and one-time keys for the configured device', () => {
    expect(botKeys.deviceKeys['user_id']).toBe(BOT);
    expect(botKeys.deviceKeys['device_id']).toBe('BOTDEVICE');
    expect(Object.keys(botKeys.oneTimeKeys).length).toBeGreaterThan(0);
  });

  it('reads a message the peer encrypted for it (room key by to-device, decrypted in receiveSyncChanges)', async () => {
    await peer.updateTrackedUsers([new wasm.UserId(BOT)]);
    await answerQueries(peer, botKeys);
    await answerClaim(peer, await peer.getMissingSessions([new wasm.UserId(BOT)]), botKeys);
    const settings = new wasm.EncryptionSettings();
    const toDevice = await peer.shareRoomKey(new wasm.RoomId(ROOM), [new wasm.UserId(BOT)], settings);
    const events = toDevice.flatMap((r) => toDeviceEvents(PEER, r.event_type, JSON.parse(r.body).messages));
    expect(events.length).toBe(1);
    const content = await peer.encryptRoomEvent(new wasm.RoomId(ROOM), 'm.room.message', JSON.stringify({ msgtype: 'm.text', body: '!conference help' }));
    earlier = roomEvent(ROOM, PEER, content);

    const lists = new compat.DeviceLists([], []);
    const decryptedToDevice = JSON.parse(await bot.receiveSyncChanges(JSON.stringify(events), lists, { signed_curve25519: 10 }, ['signed_curve25519']));
    expect(decryptedToDevice.map((e: { type: string }) => e.type)).toEqual(['m.room_key']);
    const clear = JSON.parse((await bot.decryptRoomEvent(JSON.stringify(earlier), new compat.RoomId(ROOM))).event);
    expect(clear.content.body).toBe('!conference help');

    // The key was on disk when receiveSyncChanges returned (before matrix-bot-sdk saves the sync token).
    const copy = mkdtempSync(join(tmpdir(), 'bbb-crypto-compat-'));
    try {
      copyFileSync(join(dir, 'crypto-store.bin'), join(copy, 'crypto-store.bin'));
      compat.configureCryptoStore(copy, { secret: SECRET });
      const fromDisk = await compat.OlmMachine.initialize(new compat.UserId(BOT), new compat.DeviceId('BOTDEVICE'), copy, '', 0);
      const again = JSON.parse((await fromDisk.decryptRoomEvent(JSON.stringify(earlier), new compat.RoomId(ROOM))).event);
      expect(again.content.body).toBe('!conference help');
      await compat.closeCryptoStore(copy);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('shares its room key in the nodejs shape (JSON of {txn_id, event_type, messages}) and the peer reads its reply', async () => {
    const members = [new compat.UserId(PEER)]; // one array for all three calls, as RustEngine.prepareEncrypt does
    await bot.updateTrackedUsers(members);
    await answerQueries(bot, peerKeys);
    await answerClaim(bot, await bot.getMissingSessions(members), peerKeys);
    const settings = Object.assign(new compat.EncryptionSettings(), { algorithm: 1, historyVisibility: 2, rotationPeriod: 604800000n, rotationPeriodMessages: 100n });
    const requests = JSON.parse(await bot.shareRoomKey(new compat.RoomId(ROOM), members, settings)) as { txn_id: string; event_type: string; messages: Record<string, unknown> }[];
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req!.event_type).toBe('m.room.encrypted');
    await bot.markRequestAsSent(req!.txn_id, 3, '{}');
    const events = toDeviceEvents(BOT, req!.event_type, req!.messages);
    await peer.receiveSyncChanges(JSON.stringify(events), new wasm.DeviceLists(), new Map(), new Set());
    const content = await bot.encryptRoomEvent(new compat.RoomId(ROOM), 'm.room.message', JSON.stringify({ msgtype: 'm.notice', body: 'Commands: …' }));
    const ev = roomEvent(ROOM, BOT, content);
    const clear = await peer.decryptRoomEvent(JSON.stringify(ev), new wasm.RoomId(ROOM), new wasm.DecryptionSettings(wasm.TrustRequirement.Untrusted));
    expect(JSON.parse(clear.event).content.body).toBe('Commands: …');
  });

  it('after a restart: the same identity, and what was sent before is still readable', async () => {
    const identity = bot.identityKeys.curve25519.toBase64();
    await compat.closeCryptoStore(dir);
    bot = await openBot();
    expect(bot.identityKeys.curve25519.toBase64()).toBe(identity);
    const clear = JSON.parse((await bot.decryptRoomEvent(JSON.stringify(earlier), new compat.RoomId(ROOM))).event);
    expect(clear.content.body).toBe('!conference help');
    expect(compat.inspectCryptoStore(dir, SECRET, BOT, 'BOTDEVICE')).toEqual({ state: 'ok', curve25519: identity });
  });

  it('keeps the store in one sealed file, mode 0600, that names no key in clear', () => {
    const file = join(dir, 'crypto-store.bin');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('BOTDEVICE'))).toBe(false);
    expect(bytes.includes(Buffer.from(bot.identityKeys.curve25519.toBase64()))).toBe(false);
  });

  it('encrypts and decrypts files in the shapes CryptoClient.encryptMedia/decryptMedia use', () => {
    const csv = 'name,minutes\nTina,45\n';
    const sealed = compat.Attachment.encrypt(Buffer.from(csv));
    const info = JSON.parse(sealed.mediaEncryptionInfo ?? 'null'); // read first, as encryptMedia does
    const data = Buffer.from(sealed.encryptedData);
    expect(info).toMatchObject({ v: 'v2', key: { alg: 'A256CTR', k: expect.any(String) }, iv: expect.any(String), hashes: { sha256: expect.any(String) } });
    expect(data.includes(Buffer.from('Tina'))).toBe(false);
    const opened = compat.Attachment.decrypt(new compat.EncryptedAttachment(data, JSON.stringify({ ...info, url: 'mxc://hs/x' })));
    expect(Buffer.from(opened).toString()).toBe(csv);
  });

  it('tells a wrong key, a damaged file and another device apart, and refuses to open them', async () => {
    expect(compat.inspectCryptoStore(dir, Buffer.alloc(32, 4), BOT, 'BOTDEVICE').state).toBe('unreadable');
    expect(compat.inspectCryptoStore(dir, SECRET, BOT, 'OTHERDEVICE')).toMatchObject({ state: 'other-device', deviceId: 'BOTDEVICE' });
    await expect(compat.OlmMachine.initialize(new compat.UserId(BOT), new compat.DeviceId('OTHERDEVICE'), dir, '', 0)).rejects.toThrow(/belongs to/);
    const other = mkdtempSync(join(tmpdir(), 'bbb-crypto-compat-'));
    try {
      const bytes = readFileSync(join(dir, 'crypto-store.bin'));
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5);
      writeFileSync(join(other, 'crypto-store.bin'), bytes);
      compat.configureCryptoStore(other, { secret: SECRET });
      expect(compat.inspectCryptoStore(other, SECRET, BOT, 'BOTDEVICE').state).toBe('unreadable');
      await expect(compat.OlmMachine.initialize(new compat.UserId(BOT), new compat.DeviceId('BOTDEVICE'), other, '', 0)).rejects.toThrow(/cannot be read/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
