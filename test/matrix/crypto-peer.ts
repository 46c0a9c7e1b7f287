// Two Olm devices talking without a homeserver, for the compatibility layer's tests: the bot's
// machine (the nodejs-shaped API of vendor/matrix-sdk-crypto-compat) and a peer (the plain wasm
// OlmMachine, memory store). The test plays the server: it answers key uploads, queries and
// claims from what the devices uploaded, and carries to-device messages.
import { createRequire } from 'node:module';
import * as wasm from '@matrix-org/matrix-sdk-crypto-wasm';

const require = createRequire(import.meta.url);
/** Loaded by package name, as matrix-bot-sdk does (package.json "overrides" points it at vendor/). */
export const compat = require('@matrix-org/matrix-sdk-crypto-nodejs') as CompatModule;

export interface CompatMachine {
  identityKeys: { curve25519: { toBase64(): string } };
  outgoingRequests(): Promise<{ id: string; type: number; body: string }[]>;
  markRequestAsSent(id: string, type: number, response: string): Promise<unknown>;
  receiveSyncChanges(json: string, lists: unknown, counts: Record<string, number>, fallbacks: string[]): Promise<string>;
  updateTrackedUsers(users: unknown[]): Promise<void>;
  getMissingSessions(users: unknown[]): Promise<{ id: string; type: number; body: string } | undefined>;
  shareRoomKey(roomId: unknown, users: unknown[], settings: unknown): Promise<string>;
  encryptRoomEvent(roomId: unknown, type: string, content: string): Promise<string>;
  decryptRoomEvent(event: string, roomId: unknown): Promise<{ event: string }>;
  close(): Promise<void>;
}

interface CompatModule {
  OlmMachine: { initialize(u: unknown, d: unknown, dir: string, p: string, t: number): Promise<CompatMachine> };
  EncryptionSettings: new () => Record<string, unknown>;
  UserId: typeof wasm.UserId;
  DeviceId: typeof wasm.DeviceId;
  RoomId: typeof wasm.RoomId;
  DeviceLists: typeof wasm.DeviceLists;
  Attachment: typeof wasm.Attachment;
  EncryptedAttachment: typeof wasm.EncryptedAttachment;
  configureCryptoStore(dir: string, o: { secret: Buffer }): void;
  closeCryptoStore(dir: string): Promise<void>;
  inspectCryptoStore(dir: string, secret: Buffer, userId: string, deviceId: string): { state: string };
}

type Json = Record<string, any>;

/** What a device uploaded: its signed device keys and one-time keys (the "server" side). */
export interface Uploaded {
  deviceKeys: Json;
  oneTimeKeys: Json;
}

interface Requests {
  outgoingRequests(): Promise<{ id?: string | undefined; type: number; body: string }[]>;
  markRequestAsSent(id: string, type: number, response: string): Promise<unknown>;
}

/** Runs a device's key upload (answering as the server would) and returns what it uploaded. */
export async function uploadKeys(m: Requests, into?: Uploaded): Promise<Uploaded> {
  const out = into ?? { deviceKeys: {}, oneTimeKeys: {} };
  for (const r of await m.outgoingRequests()) {
    if (r.type !== wasm.RequestType.KeysUpload) continue;
    const body = JSON.parse(r.body) as Json;
    if (body['device_keys']) out.deviceKeys = body['device_keys'];
    Object.assign(out.oneTimeKeys, body['one_time_keys'] ?? {});
    const count = Object.keys(out.oneTimeKeys).length;
    await m.markRequestAsSent(r.id ?? '', r.type, JSON.stringify({ one_time_key_counts: { signed_curve25519: count } }));
  }
  return out;
}

/** Answers a device's key queries with `other`'s device keys. */
export async function answerQueries(m: Requests, other: Uploaded): Promise<void> {
  const user = String(other.deviceKeys['user_id']);
  const device = String(other.deviceKeys['device_id']);
  for (const r of await m.outgoingRequests()) {
    if (r.type !== wasm.RequestType.KeysQuery) continue;
    const response = { device_keys: { [user]: { [device]: other.deviceKeys } }, failures: {} };
    await m.markRequestAsSent(r.id ?? '', r.type, JSON.stringify(response));
  }
}

/** Answers a key claim with one of `other`'s one-time keys (each handed out once). */
export async function answerClaim(m: Requests, claim: { id: string; type: number } | undefined | null, other: Uploaded): Promise<void> {
  if (!claim) return;
  const [keyId, key] = Object.entries(other.oneTimeKeys)[0] ?? [];
  if (keyId === undefined) throw new Error('no one-time key left');
  delete other.oneTimeKeys[keyId];
  const user = String(other.deviceKeys['user_id']);
  const device = String(other.deviceKeys['device_id']);
  const response = { one_time_keys: { [user]: { [device]: { [keyId]: key } } }, failures: {} };
  await m.markRequestAsSent(claim.id, claim.type, JSON.stringify(response));
}

/** To-device messages (by recipient) as the events a sync would deliver. */
export function toDeviceEvents(sender: string, eventType: string, messages: Json): Json[] {
  const out: Json[] = [];
  for (const devices of Object.values(messages)) {
    for (const content of Object.values(devices as Json)) out.push({ type: eventType, sender, content });
  }
  return out;
}

let seq = 0;
/** An m.room.encrypted timeline event as a server would deliver it. */
export function roomEvent(roomId: string, sender: string, encryptedContent: string): Json {
  return {
    type: 'm.room.encrypted',
    sender,
    room_id: roomId,
    event_id: `$ev${++seq}${Date.now()}`,
    origin_server_ts: Date.now(),
    content: JSON.parse(encryptedContent),
  };
}

export { wasm };
