'use strict';
// The crypto store's file: the IndexedDB dump plus whose device it is, serialized with v8 and
// sealed with AES-256-GCM (a key derived from the bot's secret key), written atomically (a
// private temporary file, fsync, rename) with mode 0600.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const MAGIC = Buffer.from('BBBCX1');
const FILE_NAME = 'crypto-store.bin';

/** Two independent 32-byte keys from the bot's secret: one seals the file, one opens the store. */
function deriveKeys(secret) {
  const derive = (info) => Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return { fileKey: derive('bbb-chatops matrix crypto store file'), storeKey: derive('bbb-chatops matrix crypto store') };
}

function seal(fileKey, data) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', fileKey, iv);
  const body = Buffer.concat([cipher.update(v8.serialize(data)), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** The data, or throws (wrong key, truncated, not ours). */
function unseal(fileKey, bytes) {
  if (bytes.length < MAGIC.length + 28 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not a bbb-chatops crypto store file');
  }
  const iv = bytes.subarray(MAGIC.length, MAGIC.length + 12);
  const tag = bytes.subarray(MAGIC.length + 12, MAGIC.length + 28);
  const decipher = crypto.createDecipheriv('aes-256-gcm', fileKey, iv);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(bytes.subarray(MAGIC.length + 28)), decipher.final()]);
  return v8.deserialize(plain);
}

/** { state: 'missing' } | { state: 'unreadable', reason } | { state: 'ok', data }. */
function readSnapshot(dir, fileKey) {
  let bytes;
  try {
    bytes = fs.readFileSync(path.join(dir, FILE_NAME));
  } catch (e) {
    if (e.code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', reason: e.code ?? String(e) };
  }
  try {
    return { state: 'ok', data: unseal(fileKey, bytes) };
  } catch (e) {
    return { state: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
  }
}

function writeSnapshot(dir, fileKey, data) {
  const file = path.join(dir, FILE_NAME);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, seal(fileKey, data));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Keeps an unusable file (never deletes keys): renamed aside with a time stamp; returns the new path. */
function moveAside(dir, why) {
  const file = path.join(dir, FILE_NAME);
  const aside = `${file}.${why}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  return aside;
}

module.exports = { deriveKeys, readSnapshot, writeSnapshot, moveAside, FILE_NAME, seal, unseal };
