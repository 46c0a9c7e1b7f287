// A whole bot for tests: real core, real SQLite file in a temp folder, real BBB dev server on loopback.
// With `http: true` the bot's HTTP adapter listens on 127.0.0.1 (any port) and PUBLIC_URL points
// at it, so the dev server's callbacks reach the real handler.
import type { RateLimitOptions } from '../../src/core/rate-limit.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { memoryLogger } from '../../src/log.ts';
import { startDevBbb, type DevBbbOptions, type DevBbbServer } from '../../src/bbb/dev-server/index.ts';
import { createBot, type Bot } from '../../adapters/bot.ts';
import { createHttpHandler, type Route } from '../../adapters/http/index.ts';
import { createBotServer } from '../../adapters/http/server.ts';
import type { CoreApp } from '../../src/app.ts';

export interface TestBot extends Bot {
  app: CoreApp;
  bbb: DevBbbServer;
  log: ReturnType<typeof memoryLogger>;
  dir: string;
  /** The bot's HTTP base URL (`http: true` only). */
  publicUrl?: string;
  /** The bot's HTTP server (`http: true` only). */
  server?: Server;
  /** Routes mounted on the bot's HTTP server (`http: true`), e.g. a Slack adapter's handleHttp. */
  routes: Route[];
  close(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  devBbb?: DevBbbOptions;
  dir?: string;
  /** Start the HTTP adapter on loopback and set PUBLIC_URL to it. */
  http?: boolean;
  /** Per-user command limits (tests that send hundreds of commands from one user raise them). */
  rateLimit?: RateLimitOptions;
}

export async function startTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const bbb = await startDevBbb({ endPurgeMs: 50, recordingProcessingMs: 50, analyticsDelayMs: 50, ...opts.devBbb });
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bbb-chatops-test-'));
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const routes: Route[] = [];
  const log = memoryLogger([bbb.secret]);
  const server = opts.http ? createBotServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()), log) : undefined;
  let publicUrl: string | undefined;
  if (server) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const config = loadConfig({
    DB_PATH: join(dir, 'bot.sqlite'),
    BOT_ADMINS: 'console:admin,slack:UADMIN,matrix:@admin:school.edu',
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
    ...opts.env,
  });
  const bot = createBot(config, { log, fallbackServer: { url: bbb.url, secret: bbb.secret }, ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}) });
  if (server) handler = createHttpHandler({ bot, log, routes });
  return {
    ...bot,
    bbb,
    log,
    dir,
    routes,
    ...(publicUrl ? { publicUrl } : {}),
    ...(server ? { server } : {}),
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await bot.after.idle(); // callbacks' and notify-me work still running
      bot.close();
      await bbb.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the dev server's callbacks and the bot's after-the-command work are done (so a second post would have happened). */
export async function settle(bot: TestBot): Promise<void> {
  await bot.bbb.control.idle();
  await bot.after.idle();
}
