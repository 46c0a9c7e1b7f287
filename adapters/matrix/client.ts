// The matrix-bot-sdk pieces: the sync-token store and the SDK's log output routed into ours.
import { LogLevel, LogService, SimpleFsStorageProvider } from 'matrix-bot-sdk';
import { dirname, join } from 'node:path';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';

/** Beside the database unless MATRIX_STORAGE_PATH says otherwise. */
export function defaultStoragePath(config: Config): string {
  return config.MATRIX_STORAGE_PATH ?? join(dirname(config.DB_PATH), 'matrix-sync.json');
}

/**
 * The SDK's file store for the sync token. Frozen on stop: the long poll still in flight when
 * the bot stops returns later, and its events are ignored, so its token must not be saved (the
 * next start would skip those events).
 *
 * The SDK saves each token before it hands the sync's events out, and the file store rewrites
 * its whole JSON file synchronously each time (issue 14: every sync). Here the newest token is
 * written at most once per `flushMs` (and at once on stop). A crash in between restarts from an
 * older token: the homeserver delivers those events again, and still none runs twice, because
 * every event acted on has its id in SeenEvents, written before its command runs (and events
 * from before the start are ignored anyway).
 */
export class SyncTokenStore extends SimpleFsStorageProvider {
  private frozen = false;
  /** A token not written yet (undefined: none). */
  private pending: string | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When a sync last answered (epoch ms; 0: never): /readyz's "is Matrix syncing". */
  lastSyncAt = 0;

  constructor(
    filename: string,
    private readonly flushMs = 1000,
  ) {
    super(filename);
  }

  freeze(frozen = true): void {
    if (frozen) this.flush();
    this.frozen = frozen;
  }

  override setSyncToken(token: string | null): void {
    this.lastSyncAt = Date.now();
    if (this.frozen) return;
    this.pending = token;
    this.timer ??= setTimeout(() => this.flush(), this.flushMs).unref();
  }

  override getSyncToken(): string | null {
    return this.pending !== undefined ? this.pending : (super.getSyncToken() as string | null);
  }

  /** Writes the newest token now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === undefined) return;
    const token = this.pending;
    this.pending = undefined;
    super.setSyncToken(token);
  }
}

function format(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return a.message;
      try {
        return JSON.stringify(a).slice(0, 300);
      } catch {
        return '[object]';
      }
    })
    .join(' ');
}

/**
 * Routes the SDK's (global) LogService into our logger, which masks the access token. Failed
 * HTTP calls are logged by the SDK as errors even when expected (404 on a state lookup); the
 * adapter logs what matters itself, so those go to debug.
 */
export function installSdkLogger(log: Logger): void {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (module: string, ...args: unknown[]) => {
    const effective = module === 'MatrixHttpClient' && level !== 'debug' ? 'debug' : level;
    log[effective](`matrix-bot-sdk ${module}: ${format(args)}`);
  };
  LogService.setLogger({ trace: at('debug'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') });
  LogService.setLevel(LogLevel.WARN);
}
