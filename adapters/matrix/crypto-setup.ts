// End-to-end encryption at start-up: the crypto store beside the bot's data (sealed with the
// bot's secret key), the decision whether it can be used (crypto-decision.ts), and fixes to
// matrix-bot-sdk's crypto client. The crypto itself is vendor/matrix-sdk-crypto-compat (the wasm
// build of the Rust crypto behind the API matrix-bot-sdk expects).
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configureCryptoStore, inspectCryptoStore, setAsideCryptoStore } from '@matrix-org/matrix-sdk-crypto-nodejs';
import { MatrixClient, RustSdkCryptoStorageProvider } from 'matrix-bot-sdk';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import { defaultKeyFile, loadSecretKey } from '../../src/store/secret-key.ts';
import { describeError } from './context.ts';
import { decideStore } from './crypto-decision.ts';

/** matrix-crypto/ beside the sync-token file (which is beside the database by default). */
export function cryptoDir(storagePath: string): string {
  return join(dirname(storagePath), 'matrix-crypto');
}

/**
 * The client with a crypto store. It saves the sync token only after the sync is processed: the
 * crypto store has saved the sync's room keys by then, so a crash in between re-delivers them
 * (the commands too; the seen-events filter drops those) instead of losing them.
 */
export class EncryptingClient extends MatrixClient {
  protected override persistTokenAfterSync = true;
}

/** The curve25519 key the homeserver holds for the device, or undefined when it has none. */
async function serverIdentityKey(client: MatrixClient, userId: string, deviceId: string): Promise<string | undefined> {
  const r: unknown = await client.doRequest('POST', '/_matrix/client/v3/keys/query', null, { device_keys: { [userId]: [deviceId] } });
  const device = (r as { device_keys?: Record<string, Record<string, { keys?: Record<string, unknown> }>> }).device_keys?.[userId]?.[deviceId];
  const key = device?.keys?.[`curve25519:${deviceId}`];
  return typeof key === 'string' ? key : undefined;
}

/**
 * The crypto store for the access token's device, ready for `new MatrixClient(…, cryptoStore)`,
 * or null when encryption is off (MATRIX_ENCRYPTION=off) or cannot work (logged once).
 */
export async function setUpCrypto(opts: {
  config: Config;
  log: Logger;
  storagePath: string;
  client: MatrixClient;
}): Promise<RustSdkCryptoStorageProvider | null> {
  const { config, log, client } = opts;
  if (config.MATRIX_ENCRYPTION === 'off') return null;
  const dir = cryptoDir(opts.storagePath);
  const who = await client.getWhoAmI(); // a failure here is the sign-in's, reported as such by the caller
  try {
    if (!who.device_id) throw new Error('the homeserver does not say which device the access token belongs to');
    const deviceId = who.device_id;
    const { key } = loadSecretKey({ envKey: config.BOT_SECRET_KEY, keyFile: defaultKeyFile(config.DB_PATH) }, false);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // like the data folder: the bot's user only
    const found = inspectCryptoStore(dir, key, who.user_id, deviceId);
    const decision = decideStore(found, deviceId, await serverIdentityKey(client, who.user_id, deviceId));
    if (decision.use === 'none') {
      log.error(`matrix: end-to-end encryption is off: ${decision.reason}. Give the bot a new access token (log it in again: a new device) to read encrypted rooms; until then they are told the bot cannot read them.`, { dir });
      return null;
    }
    if (decision.use === 'new' && decision.setAside) {
      const kept = setAsideCryptoStore(dir, decision.setAside);
      log.warn(`matrix: the crypto store could not be used (${decision.note ?? decision.setAside}); kept it as ${kept} and started a new one for device ${deviceId}`);
    }
    configureCryptoStore(dir, { secret: key });
    const store = new RustSdkCryptoStorageProvider(dir);
    chmodSync(join(dir, 'bot-sdk.json'), 0o600); // matrix-bot-sdk's own file: device id, rooms' encryption settings
    await store.setDeviceId(deviceId); // the token's device, even if the store remembered another
    log.info('matrix: end-to-end encryption on', { deviceId, store: decision.use === 'new' ? 'new' : 'restored', dir });
    return store;
  } catch (e) {
    log.error('matrix: end-to-end encryption is off: it could not be set up', { dir, ...describeError(e) });
    return null;
  }
}

/**
 * Two fixes to matrix-bot-sdk 0.7's crypto client. (1) It shares a room's key only with joined
 * members ("TODO: pre-shared invite keys"); Element shares with invited members too, so that a DM
 * the bot has just made (the user only invited) is readable once the user joins. Its engine asks
 * its client for the "joined" members: give it a view of the client that answers joined and
 * invited ones. (2) It calls onRoomEvent/onRoomJoin without awaiting them, so a failed key query
 * there would be an unhandled rejection (which ends the process): log it instead.
 */
export function adaptCryptoClient(client: MatrixClient, log: Logger): void {
  const crypto = client.crypto as unknown as CryptoInternals;
  const prepare = crypto.prepare.bind(crypto);
  crypto.prepare = async (rooms) => {
    await prepare(rooms);
    if (crypto.engine) crypto.engine.client = joinedOrInvitedView(client);
  };
  for (const name of ['onRoomEvent', 'onRoomJoin'] as const) {
    const original = crypto[name].bind(crypto);
    crypto[name] = (roomId, ...rest) =>
      original(roomId, ...rest).catch((e: unknown) => log.warn(`matrix: encryption bookkeeping failed (${name})`, { roomId, ...describeError(e) }));
  }
}

interface CryptoInternals {
  prepare(rooms: string[]): Promise<void>;
  onRoomEvent(roomId: string, ...rest: unknown[]): Promise<void>;
  onRoomJoin(roomId: string, ...rest: unknown[]): Promise<void>;
  engine?: { client: MatrixClient };
}

function joinedOrInvitedView(client: MatrixClient): MatrixClient {
  const view = Object.create(client) as MatrixClient;
  view.getJoinedRoomMembers = async (roomId: string) =>
    (await client.getRoomMembers(roomId, undefined, ['join', 'invite'])).map((m) => m.membershipFor);
  return view;
}
