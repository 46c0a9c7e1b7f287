'use strict';
// Stand-in for @matrix-org/matrix-sdk-crypto-nodejs. matrix-bot-sdk imports these names eagerly;
// bbb-chatops never enables encryption, so any real use is a bug and throws plainly.
function unsupported(name) {
  return class {
    constructor() {
      throw new Error(`End-to-end encryption is not supported by bbb-chatops (${name} was used).`);
    }
  };
}
const names = [
  'OlmMachine', 'UserId', 'DeviceId', 'RoomId', 'DeviceLists', 'EncryptionSettings',
  'EncryptionAlgorithm', 'HistoryVisibility', 'KeysClaimRequest', 'KeysQueryRequest',
  'KeysUploadRequest', 'RoomMessageRequest', 'SignatureUploadRequest', 'ToDeviceRequest',
  'KeysBackupRequest', 'Attachment', 'EncryptedAttachment', 'RequestType', 'StoreType',
  'VerificationState', 'Signatures', 'SignedCurve25519Key', 'Curve25519PublicKey',
  'Ed25519PublicKey', 'Versions', 'Tracing', 'LoggerLevel',
];
for (const n of names) module.exports[n] = unsupported(n);
module.exports.RequestType = { KeysUpload: 0, KeysQuery: 1, KeysClaim: 2, ToDevice: 3, SignatureUpload: 4, RoomMessage: 5, KeysBackup: 6 };
module.exports.StoreType = { Sled: 0, Sqlite: 1 };
module.exports.EncryptionAlgorithm = { OlmV1Curve25519AesSha2: 0, MegolmV1AesSha2: 1 };
module.exports.HistoryVisibility = { Invited: 0, Joined: 1, Shared: 2, WorldReadable: 3 };
module.exports.LoggerLevel = { Trace: 0, Debug: 1, Info: 2, Warn: 3, Error: 4 };
