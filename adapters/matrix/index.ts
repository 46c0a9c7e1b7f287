// The Matrix adapter: matrix-bot-sdk in, the core's replies out. End-to-end encryption (on unless
// MATRIX_ENCRYPTION=off) is set up at start: the client is then rebuilt with the crypto store.
import { closeCryptoStore } from '@matrix-org/matrix-sdk-crypto-nodejs';
import { MatrixClient, type RustSdkCryptoStorageProvider } from 'matrix-bot-sdk';
import type { App, Messenger } from '../../src/core/types.ts';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import { SyncTokenStore, defaultStoragePath, installSdkLogger } from './client.ts';
import type { MatrixContext } from './context.ts';
import { describeError } from './context.ts';
import { adaptCryptoClient, EncryptingClient, setUpCrypto } from './crypto-setup.ts';
import { DirectRooms } from './dm.ts';
import { EncryptionWatch } from './encryption.ts';
import type { MatrixEvent } from './filters.ts';
import { SeenEvents } from './filters.ts';
import { EMPTY_INVITERS_WARNING, handleInvite, isEmpty, parseAllowedInviters } from './invites.ts';
import type { ListenerDeps } from './listener.ts';
import { onRoomEvent } from './listener.ts';
import { createMessenger } from './messenger.ts';
import { RoomQueues } from './room-queues.ts';

export interface MatrixAdapter {
  messenger: Messenger;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For /readyz: started, and a sync answered within the last two minutes (long polls take 30 s). */
  ready(): boolean;
}

export async function createMatrixAdapter(opts: {
  app: App;
  config: Config;
  log: Logger;
  storagePath?: string;
}): Promise<MatrixAdapter> {
  const { app, config, log } = opts;
  const url = config.MATRIX_HOMESERVER_URL;
  const token = config.MATRIX_ACCESS_TOKEN;
  if (!url || !token) throw new Error('Matrix is not configured: set MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN.');
  log.addSecret(token);
  installSdkLogger(log);
  const storagePath = opts.storagePath ?? defaultStoragePath(config);
  const storage = new SyncTokenStore(storagePath);
  const ctx: MatrixContext = {
    client: new MatrixClient(url, token, storage),
    app,
    config,
    log,
    botUserId: '',
    botDisplayName: undefined,
    prefix: config.MATRIX_COMMAND_PREFIX.trim() || '!conference',
    e2ee: false,
  };
  const encryption = new EncryptionWatch(ctx);
  const dms = new DirectRooms(ctx);
  const messenger = createMessenger(ctx, dms);
  const allowed = parseAllowedInviters(config.MATRIX_ALLOWED_INVITERS);
  const queues = new RoomQueues();
  let deps: ListenerDeps | null = null;

  const enqueue = (roomId: string, task: (d: ListenerDeps) => Promise<void>): void => {
    const d = deps;
    if (d === null) return; // stopped: the last long poll may still deliver events
    queues.run(roomId, () => task(d), (e) => log.error('matrix: handling an event failed', { roomId, ...describeError(e) }));
  };
  /** The client the adapter uses: with the crypto store when there is one. */
  const connect = (client: MatrixClient, cryptoStore: RustSdkCryptoStorageProvider | null): MatrixClient => {
    // The SDK's DM helper writes every is_direct invite into m.direct, even invites we reject.
    client.removeAllListeners('room.invite');
    client.on('room.event', (roomId: string, ev: MatrixEvent) => enqueue(roomId, (d) => onRoomEvent(ctx, d, roomId, ev)));
    client.on('room.invite', (roomId: string, ev: MatrixEvent) =>
      enqueue(roomId, () => handleInvite(ctx, { allowed, encryption }, roomId, ev)),
    );
    client.on('room.join', (roomId: string) => enqueue(roomId, () => encryption.checkRoom(roomId)));
    if (cryptoStore) adaptCryptoClient(client, log);
    ctx.client = client;
    ctx.e2ee = cryptoStore !== null;
    return client;
  };
  let cryptoDir: string | null = null;

  return {
    messenger,
    async start() {
      const plain = ctx.client;
      const cryptoStore = await setUpCrypto({ config, log, storagePath, client: plain });
      cryptoDir = cryptoStore?.storagePath ?? null;
      const client = connect(cryptoStore ? new EncryptingClient(url, token, storage, cryptoStore) : plain, cryptoStore);
      ctx.botUserId = await client.getUserId();
      ctx.botDisplayName = await client
        .getUserProfile(ctx.botUserId)
        .then((p: { displayname?: unknown } | null) => (typeof p?.displayname === 'string' ? p.displayname : undefined))
        .catch(() => undefined);
      if (isEmpty(allowed)) log.warn(EMPTY_INVITERS_WARNING);
      for (const item of allowed.invalid) {
        log.warn('matrix: ignoring an item of MATRIX_ALLOWED_INVITERS (use @user:server or :server)', { item });
      }
      deps = { dms, encryption, seen: new SeenEvents(app.state), startedAt: Date.now() };
      storage.freeze(false);
      try {
        await client.start();
      } catch (e) {
        if (!ctx.e2ee) throw e;
        // Never a crash loop over encryption: the bot runs on without it, and says so once.
        log.error('matrix: end-to-end encryption failed to start; running without it', describeError(e));
        client.stop();
        if (cryptoDir) await closeCryptoStore(cryptoDir);
        cryptoDir = null;
        await connect(plain, null).start();
      }
      log.info('matrix: syncing', { userId: ctx.botUserId, storagePath, encryption: ctx.e2ee });
    },
    async stop() {
      deps = null;
      storage.freeze();
      ctx.client.stop();
      await queues.idle();
      if (cryptoDir) await closeCryptoStore(cryptoDir); // saves the store a last time
    },
    ready: () => deps !== null && Date.now() - storage.lastSyncAt < 120_000,
  };
}
