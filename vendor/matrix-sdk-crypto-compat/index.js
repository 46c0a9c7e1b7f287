'use strict';
// @matrix-org/matrix-sdk-crypto-nodejs for matrix-bot-sdk 0.7, on @matrix-org/matrix-sdk-crypto-wasm.
// The value types are the wasm ones; OlmMachine and EncryptionSettings adapt the call shapes.
// One `exports.name =` per export: Node's ESM import of a CommonJS module finds names only so.
const wasm = require('@matrix-org/matrix-sdk-crypto-wasm');
const machine = require('./olm-machine.js');
const inspect = require('./inspect.js');

exports.OlmMachine = machine.OlmMachine;
exports.EncryptionSettings = machine.EncryptionSettings;
exports.UserId = wasm.UserId;
exports.DeviceId = wasm.DeviceId;
exports.RoomId = wasm.RoomId;
exports.DeviceLists = wasm.DeviceLists;
exports.Attachment = wasm.Attachment;
exports.EncryptedAttachment = wasm.EncryptedAttachment;
exports.RequestType = wasm.RequestType;
exports.EncryptionAlgorithm = wasm.EncryptionAlgorithm;
exports.HistoryVisibility = wasm.HistoryVisibility;
exports.StoreType = { Sled: 0, Sqlite: 1 };
exports.configureCryptoStore = machine.configureCryptoStore;
exports.closeCryptoStore = machine.closeCryptoStore;
exports.inspectCryptoStore = inspect.inspectCryptoStore;
exports.setAsideCryptoStore = inspect.setAsideCryptoStore;
