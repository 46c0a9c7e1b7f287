'use strict';
// What the crypto store file holds, without opening it: for the adapter's start-up decision
// (use it, start a new one, or run without encryption).
const { deriveKeys, readSnapshot, moveAside } = require('./snapshot-file.js');

/**
 * { state: 'missing' } | { state: 'unreadable', reason } | { state: 'other-device', userId, deviceId }
 * | { state: 'ok', curve25519 }  (curve25519: the device's identity key the store holds)
 */
function inspectCryptoStore(dir, secret, userId, deviceId) {
  const snap = readSnapshot(dir, deriveKeys(secret).fileKey);
  if (snap.state !== 'ok') return snap;
  const d = snap.data;
  if (d.userId !== userId || d.deviceId !== deviceId) return { state: 'other-device', userId: d.userId, deviceId: d.deviceId };
  return { state: 'ok', curve25519: d.curve25519 };
}

/** Renames the store file aside (kept, never deleted); returns its new path. */
function setAsideCryptoStore(dir, why) {
  return moveAside(dir, why);
}

module.exports = { inspectCryptoStore, setAsideCryptoStore };
