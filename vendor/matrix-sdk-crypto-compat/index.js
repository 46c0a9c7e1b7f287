'use strict';
// @matrix-org/matrix-sdk-crypto-nodejs for matrix-bot-sdk 0.7, on @matrix-org/matrix-sdk-crypto-wasm.
// The value types are the wasm ones; OlmMachine and EncryptionSettings adapt the call shapes.
const wasm = require('@matrix-org/matrix-sdk-crypto-wasm');
const { OlmMachine, EncryptionSettings, configureCryptoStore, closeCryptoStore } = require('./olm-machine.js');
const { inspectCryptoStore, setAsideCryptoStore } = require('./inspect.js');

module.exports = {
  OlmMachine,
  EncryptionSettings,
  UserId: wasm.UserId,
  DeviceId: wasm.DeviceId,
  RoomId: wasm.RoomId,
  DeviceLists: wasm.DeviceLists,
  Attachment: wasm.Attachment,
  EncryptedAttachment: wasm.EncryptedAttachment,
  RequestType: wasm.RequestType,
  EncryptionAlgorithm: wasm.EncryptionAlgorithm,
  HistoryVisibility: wasm.HistoryVisibility,
  StoreType: { Sled: 0, Sqlite: 1 },
  configureCryptoStore,
  closeCryptoStore,
  inspectCryptoStore,
  setAsideCryptoStore,
};
