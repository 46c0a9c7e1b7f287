'use strict';
// OlmMachine with the method shapes of @matrix-org/matrix-sdk-crypto-nodejs 0.1.0-beta.6 (what
// matrix-bot-sdk 0.7's CryptoClient and RustEngine call), backed by the wasm binding. After each
// call that can change the store, the store is saved to its file before the call returns, so
// keys received in a sync are on disk before matrix-bot-sdk saves that sync's token.
const path = require('node:path');
const crypto = require('node:crypto');
const wasm = require('@matrix-org/matrix-sdk-crypto-wasm');
const { dumpAll, restoreAll, deleteAll } = require('./idb-snapshot.js');
const { deriveKeys, readSnapshot, writeSnapshot } = require('./snapshot-file.js');
const { indexedDb, changeCount } = require('./memory-idb.js');

/** Store options by resolved directory, set by configureCryptoStore() before the client starts. */
const configured = new Map();
const open = new Map();

function optionsFor(storePath) {
  const opts = configured.get(path.resolve(storePath));
  if (!opts) throw new Error(`No crypto store is configured for ${storePath} (call configureCryptoStore first)`);
  return opts;
}

class OlmMachine {
  constructor(inner, store) {
    this.inner = inner;
    this.store = store;
    this.saving = Promise.resolve();
    this.savedAt = -1;
  }

  /** The nodejs binding's signature; `storePath` is the directory configured for the bot. */
  static async initialize(userId, deviceId, storePath, _passphrase, _storeType) {
    const dir = path.resolve(storePath);
    const { secret } = optionsFor(dir);
    const { fileKey, storeKey } = deriveKeys(secret);
    const uid = userId.toString();
    const did = deviceId.toString();
    const snap = readSnapshot(dir, fileKey);
    if (snap.state === 'unreadable') throw new Error(`The crypto store in ${dir} cannot be read: ${snap.reason}`);
    if (snap.state === 'ok' && (snap.data.userId !== uid || snap.data.deviceId !== did)) {
      throw new Error(`The crypto store in ${dir} belongs to ${snap.data.userId} device ${snap.data.deviceId}, not ${uid} device ${did}`);
    }
    await wasm.initAsync();
    const idb = indexedDb();
    const prefix = `bbb-chatops-${crypto.randomBytes(6).toString('hex')}/`;
    if (snap.state === 'ok') await restoreAll(idb, prefix, snap.data.databases);
    const handle = await wasm.StoreHandle.openWithKey(`${prefix}store`, storeKey);
    const inner = await wasm.OlmMachine.initFromStore(new wasm.UserId(uid), new wasm.DeviceId(did), handle);
    handle.free();
    const previous = open.get(dir);
    if (previous) await previous.close();
    const machine = new OlmMachine(inner, { dir, fileKey, prefix, userId: uid, deviceId: did });
    open.set(dir, machine);
    await machine.save(true);
    return machine;
  }

  get identityKeys() {
    return this.inner.identityKeys;
  }

  /** Saves the store when it changed since the last save (or always, with `force`). */
  save(force = false) {
    if (this.closed) return Promise.reject(new Error('the crypto store is closed (the bot is stopping)'));
    // One save at a time; a failed save (disk full) fails its caller, and the next one tries again.
    this.saving = this.saving.catch(() => undefined).then(async () => {
      const count = changeCount();
      if (!force && count === this.savedAt) return;
      const { dir, fileKey, prefix, userId, deviceId } = this.store;
      const databases = await dumpAll(indexedDb(), prefix);
      const curve25519 = this.inner.identityKeys.curve25519.toBase64();
      writeSnapshot(dir, fileKey, { userId, deviceId, curve25519, databases });
      this.savedAt = count;
    });
    return this.saving;
  }

  async saved(result) {
    await this.save();
    return result;
  }

  async outgoingRequests() {
    const requests = await this.inner.outgoingRequests();
    return requests.map((r) => (r.type === wasm.RequestType.ToDevice ? toDeviceShape(r, r.id) : r));
  }

  async markRequestAsSent(id, type, response) {
    return this.saved(await this.inner.markRequestAsSent(id, type, response));
  }

  /** nodejs: (json, DeviceLists, {alg: count}, [alg]) -> JSON of the decrypted to-device events. */
  async receiveSyncChanges(toDeviceJson, deviceLists, otkCounts, unusedFallbackAlgs) {
    const counts = new Map(Object.entries(otkCounts ?? {}).map(([k, v]) => [k, Number(v)]));
    const fallbacks = Array.isArray(unusedFallbackAlgs) ? new Set(unusedFallbackAlgs) : undefined;
    const processed = await this.inner.receiveSyncChanges(toDeviceJson, deviceLists, counts, fallbacks);
    const decrypted = processed
      .filter((e) => e.type === wasm.ProcessedToDeviceEventType.Decrypted)
      .map((e) => JSON.parse(e.rawEvent));
    return this.saved(JSON.stringify(decrypted));
  }

  async updateTrackedUsers(users) {
    return this.saved(await this.inner.updateTrackedUsers(fresh(users)));
  }

  async getMissingSessions(users) {
    return this.saved((await this.inner.getMissingSessions(fresh(users))) ?? undefined);
  }

  /** nodejs: returns JSON of [{txn_id, event_type, messages}]. */
  async shareRoomKey(roomId, users, settings) {
    const requests = await this.inner.shareRoomKey(roomId, fresh(users), toWasmSettings(settings));
    return this.saved(JSON.stringify(requests.map((r) => JSON.parse(toDeviceShape(r, r.txn_id).body))));
  }

  async encryptRoomEvent(roomId, eventType, contentJson) {
    return this.saved(await this.inner.encryptRoomEvent(roomId, eventType, contentJson));
  }

  /** Decrypts whatever the sender's device trust (as Element does by default). */
  async decryptRoomEvent(eventJson, roomId) {
    const settings = new wasm.DecryptionSettings(wasm.TrustRequirement.Untrusted);
    return this.saved(await this.inner.decryptRoomEvent(eventJson, roomId, settings));
  }

  /** nodejs: signatures.get(userId) is a plain object of key id -> MaybeSignature. */
  async sign(message) {
    const signatures = await this.inner.sign(message);
    return { get: (userId) => Object.fromEntries(signatures.get(userId) ?? new Map()) };
  }

  /** Saves a last time, then frees the machine and its in-memory databases. */
  close() {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  async closeOnce() {
    await this.save(true).catch(() => undefined);
    this.closed = true;
    if (open.get(this.store.dir) === this) open.delete(this.store.dir);
    this.inner.close();
    await deleteAll(indexedDb(), this.store.prefix);
  }
}

/**
 * Copies of the user ids: the wasm calls take arrays of UserId by value (each object is freed),
 * while matrix-bot-sdk passes the same array to several calls, as the nodejs binding allowed.
 */
function fresh(users) {
  return users.map((u) => new wasm.UserId(u.toString()));
}

/** A wasm ToDeviceRequest in the nodejs shape: body = {txn_id, event_type, messages}. */
function toDeviceShape(r, txnId) {
  const parsed = JSON.parse(r.body);
  const messages = parsed.messages ?? parsed;
  return { id: r.id, type: r.type, body: JSON.stringify({ txn_id: txnId, event_type: r.event_type, messages }) };
}

/** matrix-bot-sdk fills a plain settings object; keys go to every device of the given users. */
function toWasmSettings(s) {
  const out = new wasm.EncryptionSettings();
  out.algorithm = wasm.EncryptionAlgorithm.MegolmV1AesSha2;
  if (s.historyVisibility !== undefined) out.historyVisibility = s.historyVisibility;
  if (s.rotationPeriod !== undefined) out.rotationPeriod = BigInt(s.rotationPeriod) * 1000n; // ms -> µs
  if (s.rotationPeriodMessages !== undefined) out.rotationPeriodMessages = BigInt(s.rotationPeriodMessages);
  out.sharingStrategy = wasm.CollectStrategy.allDevices();
  return out;
}

/** Plain settings (matrix-bot-sdk sets algorithm, historyVisibility and the rotation fields). */
class EncryptionSettings {}

function configureCryptoStore(dir, options) {
  if (!Buffer.isBuffer(options.secret) || options.secret.length < 16) throw new Error('configureCryptoStore needs a secret of 16 bytes or more');
  configured.set(path.resolve(dir), { secret: options.secret });
}

/** Closes the machine that uses `dir`, saving its store first. */
async function closeCryptoStore(dir) {
  await open.get(path.resolve(dir))?.close();
}

module.exports = { OlmMachine, EncryptionSettings, configureCryptoStore, closeCryptoStore };
