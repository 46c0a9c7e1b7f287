// Start-up wiring: config -> store -> BBB -> app -> the enabled adapters.
// Chat mode runs Slack and/or Matrix; the terminal (console) runs when asked or as the demo on a
// terminal with no chat settings. Only the terminal without chat uses the built-in BBB dev server:
// chat users must never get links to it.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, matrixEnabled, slackEnabled, withoutBlanks, type Config } from '../src/config.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { startDevBbb, type DevBbbServer } from '../src/bbb/dev-server/index.ts';
import { createBot, dataDir, storeOptions, type Bot } from './bot.ts';
import { createConsole } from './console/index.ts';
import { chooseMode, settingHints, version } from './startup.ts';
import { chatFailure, listen, listenFailure, openStore } from './start-checks.ts';
import type { Route } from './http/index.ts';
import { messages } from '../src/i18n/index.ts';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Force the console adapter (the `console` subcommand). */
  console?: { script?: string | undefined; json: boolean } | undefined;
  /** Whether standard input is a terminal (default: process.stdin.isTTY). */
  stdinIsTTY?: boolean;
  /** Stops a chat-mode run (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  /** Default: pino on stderr, per LOG_LEVEL and LOG_FORMAT. */
  log?: Logger;
}

export const NO_SERVER_WARNING =
  'No BigBlueButton server is configured (BBB_URL is not set and none was saved): class commands answer ' +
  '"no server yet" until an admin connects one (Slack: `/conference config` opens a private form; Matrix: ' +
  '`config server URL SECRET` in the direct-message room the bot created) or BBB_URL and BBB_SECRET are set';

export async function run(options: RunOptions = {}): Promise<void> {
  const env = { ...(options.env ?? process.env) };
  loadConfig(env); // a bad setting is named before anything else is decided
  const mode = chooseMode(env, { consoleAsked: options.console !== undefined, stdinIsTTY: options.stdinIsTTY ?? process.stdin.isTTY === true });
  const consoleMode = mode === 'console';
  // In the terminal, `admin` is an admin unless BOT_ADMINS names console admins already.
  if (consoleMode && !/(^|[\s,])console:/.test(env.BOT_ADMINS ?? '')) {
    env.BOT_ADMINS = [env.BOT_ADMINS, 'console:admin'].filter((v) => v?.trim()).join(',');
  }
  const config = loadConfig(env);
  const quiet = consoleMode && withoutBlanks(env)['LOG_LEVEL'] === undefined;
  const log = options.log ?? createLogger({ level: quiet ? 'warn' : config.LOG_LEVEL, ...(config.LOG_FORMAT ? { format: config.LOG_FORMAT } : {}) });
  for (const hint of settingHints(env)) log.warn(hint);

  const store = openStore(config.DB_PATH, storeOptions(config, log)); // opened once, then the bot's
  const saved = store.settings.server();
  const chat = slackEnabled(config) || matrixEnabled(config);
  const dev = !chat && !config.BBB_URL && !saved ? await startDev(config, log).catch((err: unknown) => (store.close(), Promise.reject(err))) : undefined;
  if (chat && !config.BBB_URL && !saved) log.warn(NO_SERVER_WARNING);
  const bot = createBot(config, { log, store, fallbackServer: dev && { url: dev.url, secret: dev.secret } });
  const stops: (() => Promise<void> | void)[] = [async () => bot.after.idle(), () => bot.close(), async () => dev?.close()];
  const shutdown = async (): Promise<void> => {
    for (const stop of stops) await stop();
  };
  const serverUrl = config.BBB_URL ?? saved?.url ?? dev?.url;
  log.info('bbb-chatops starting', {
    version: version(),
    adapters: [slackEnabled(config) && 'slack', matrixEnabled(config) && 'matrix', consoleMode && 'console'].filter(Boolean),
    bbbHost: serverUrl ? new URL(serverUrl).host : null,
    devServer: dev !== undefined,
  });
  try {
    await startAdapters(config, bot, log, stops);
  } catch (err) {
    await shutdown();
    throw err;
  }
  if (consoleMode) {
    await runConsole(bot, dev, options.console, config);
  } else {
    await stopRequested(options.signal);
    log.info('Shutting down');
  }
  await shutdown();
}

async function startAdapters(config: Config, bot: Bot, log: Logger, stops: (() => Promise<void> | void)[]): Promise<void> {
  // The reconciler: the safety net for lost callbacks, and the only watcher without PUBLIC_URL.
  const stopReconciler = bot.after.reconciler.start(config.BBB_POLL_SECONDS * 1000);
  stops.unshift(stopReconciler);
  stops.unshift(bot.scheduler.start()); // timetables: reminders, automatic start and end
  const routes: Route[] = [];
  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('./slack/index.ts');
    try {
      const slack = await createSlackAdapter({ app: bot.app, config, log, profiles: bot.store.userProfiles });
      bot.app.attachMessenger(slack.messenger);
      if (slack.handleHttp) routes.push(slack.handleHttp);
      await slack.start();
      bot.readiness.set('slack', () => slack.ready());
      stops.unshift(() => slack.stop());
    } catch (err) {
      throw chatFailure('Slack', err);
    }
    log.info(`Slack adapter started (${config.SLACK_APP_TOKEN ? 'Socket Mode' : 'HTTP'})`);
  }
  if (matrixEnabled(config)) {
    const { createMatrixAdapter } = await import('./matrix/index.ts');
    const storagePath = config.MATRIX_STORAGE_PATH ?? join(dataDir(config), 'matrix-sync.json');
    try {
      const matrix = await createMatrixAdapter({ app: bot.app, config, log, storagePath });
      bot.app.attachMessenger(matrix.messenger);
      await matrix.start();
      bot.readiness.set('matrix', () => matrix.ready());
      stops.unshift(() => matrix.stop());
    } catch (err) {
      throw chatFailure('Matrix', err);
    }
    log.info('Matrix adapter started');
  }
  const http = await maybeStartHttp(config, bot, log, routes);
  if (http) stops.unshift(() => new Promise<void>((r) => http.close(() => r())));
}

function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal) return signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function startDev(config: Config, log: Logger): Promise<DevBbbServer> {
  const dev = await startDevBbb({ port: config.BBB_DEV_PORT, log: (l) => log.debug(`[dev-bbb] ${l}`) }).catch((err: unknown) => {
    throw listenFailure(err, config.BBB_DEV_PORT, '127.0.0.1', { port: 'BBB_DEV_PORT' });
  });
  log.addSecret(dev.secret);
  return dev;
}

async function maybeStartHttp(config: Config, bot: Bot, log: Logger, routes: Route[]): Promise<Server | undefined> {
  // BBB callbacks need the HTTP adapter whenever PUBLIC_URL is set.
  if (config.HTTP_PORT === undefined && config.PUBLIC_URL === undefined && routes.length === 0) return undefined;
  const port = config.HTTP_PORT ?? 3000;
  const { createHttpHandler } = await import('./http/index.ts');
  const { createBotServer } = await import('./http/server.ts');
  const server = createBotServer(createHttpHandler({ bot, log, routes }), log);
  await listen(server, port, config.HTTP_HOST, { port: 'HTTP_PORT', host: 'HTTP_HOST' });
  log.info(`HTTP listening on ${config.HTTP_HOST}:${(server.address() as AddressInfo).port}`);
  return server;
}

async function runConsole(bot: Bot, dev: DevBbbServer | undefined, opts: RunOptions['console'], config: Config): Promise<void> {
  const { createReadStream } = await import('node:fs');
  const script = opts?.script;
  const interactive = !script && !opts?.json && process.stdin.isTTY === true;
  const con = createConsole({
    app: bot.app,
    input: script ? createReadStream(script) : process.stdin,
    write: (t) => process.stdout.write(t + '\n'),
    json: opts?.json ?? false,
    interactive,
    filesDir: join(dataDir(config), 'files'),
  });
  bot.app.attachMessenger(con.messenger);
  if (interactive) {
    const m = messages(bot.app.languageFor('console', 'general', { id: 'admin' })).console;
    const server = dev ? m.devServer(dev.url) : (bot.conference.server()?.url ?? m.noServer);
    process.stdout.write(`${m.banner(server)}\n\n`);
  }
  await con.runInput();
}
