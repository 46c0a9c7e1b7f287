// Start-up wiring: config -> store -> BBB -> app -> the enabled adapters.
// With no Slack or Matrix credentials the bot runs in the terminal against the built-in BBB dev server.
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { loadConfig, matrixEnabled, slackEnabled, type Config } from '../src/config.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { startDevBbb, type DevBbbServer } from '../src/bbb/dev-server/index.ts';
import { Store } from '../src/store/index.ts';
import { createBot, dataDir, type Bot } from './bot.ts';
import { createConsole } from './console/index.ts';
import { messages } from '../src/i18n/index.ts';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Force the console adapter (the `console` subcommand). */
  console?: { script?: string | undefined; json: boolean } | undefined;
}

type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function run(options: RunOptions = {}): Promise<void> {
  const env = { ...(options.env ?? process.env) };
  const chat = Boolean(env.SLACK_BOT_TOKEN || env.MATRIX_ACCESS_TOKEN);
  const consoleMode = options.console !== undefined || !chat;
  // In the terminal, `admin` is an admin unless BOT_ADMINS names console admins already.
  if (consoleMode && !/(^|[\s,])console:/.test(env.BOT_ADMINS ?? '')) {
    env.BOT_ADMINS = [env.BOT_ADMINS, 'console:admin'].filter(Boolean).join(',');
  }
  const config = loadConfig(env);
  const log = createLogger({ level: consoleMode && !env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL });

  const dev = await maybeStartDevBbb(config, log);
  const bot = createBot(config, { log, fallbackServer: dev && { url: dev.url, secret: dev.secret } });
  // The reconciler: the safety net for lost callbacks, and the only watcher without PUBLIC_URL.
  const stopReconciler = bot.after.reconciler.start(config.BBB_POLL_SECONDS * 1000);
  const stops: (() => Promise<void> | void)[] = [
    async () => {
      stopReconciler();
      await bot.after.idle(); // let callbacks' and notify-me work finish before the store closes
    },
    () => bot.close(),
    async () => dev?.close(),
  ];
  const routes: Route[] = [];

  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('./slack/index.ts');
    const slack = await createSlackAdapter({ app: bot.app, config, log });
    bot.app.attachMessenger(slack.messenger);
    if (slack.handleHttp) routes.push(slack.handleHttp);
    await slack.start();
    stops.unshift(() => slack.stop());
    log.info(`Slack adapter started (${config.SLACK_APP_TOKEN ? 'Socket Mode' : 'HTTP'})`);
  }
  if (matrixEnabled(config)) {
    const { createMatrixAdapter } = await import('./matrix/index.ts');
    const storagePath = config.MATRIX_STORAGE_PATH ?? join(dataDir(config), 'matrix-sync.json');
    const matrix = await createMatrixAdapter({ app: bot.app, config, log, storagePath });
    bot.app.attachMessenger(matrix.messenger);
    await matrix.start();
    stops.unshift(() => matrix.stop());
    log.info('Matrix adapter started');
  }
  const http = await maybeStartHttp(config, bot, log, routes);
  if (http) stops.unshift(() => new Promise<void>((r) => http.close(() => r())));

  const shutdown = async (): Promise<void> => {
    for (const stop of stops) await stop();
  };
  if (consoleMode) {
    await runConsole(bot, dev, options.console, config);
    await shutdown();
    return;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('Shutting down');
  await shutdown();
}

async function maybeStartDevBbb(config: Config, log: Logger): Promise<DevBbbServer | undefined> {
  if (config.BBB_URL) return undefined;
  // A server saved with `config server` wins over the dev server.
  const store = Store.open(config.DB_PATH);
  const saved = store.settings.server();
  store.close();
  if (saved) return undefined;
  const dev = await startDevBbb({ port: config.BBB_DEV_PORT, log: (l) => log.debug(`[dev-bbb] ${l}`) });
  log.addSecret(dev.secret);
  return dev;
}

async function maybeStartHttp(config: Config, bot: Bot, log: Logger, routes: Route[]): Promise<Server | undefined> {
  // BBB callbacks need the HTTP adapter whenever PUBLIC_URL is set.
  if (config.HTTP_PORT === undefined && config.PUBLIC_URL === undefined && routes.length === 0) return undefined;
  const port = config.HTTP_PORT ?? 3000;
  const { createHttpHandler } = await import('./http/index.ts');
  const handler = createHttpHandler({ bot, log, routes });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, config.HTTP_HOST, resolve));
  log.info(`HTTP listening on ${config.HTTP_HOST}:${port}`);
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
