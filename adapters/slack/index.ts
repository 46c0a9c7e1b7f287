// The Slack adapter: Bolt (HTTP receiver or Socket Mode) -> app.handle -> rendered replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App as BoltApp, HTTPReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../../src/config.ts';
import type { App, Messenger } from '../../src/core/types.ts';
import type { Logger } from '../../src/log.ts';
import { MAX_BODY_BYTES, readBody, refuseTooLarge } from '../http/body.ts';
import { boltLogger } from './bolt-logger.ts';
import { createDelivery } from './delivery.ts';
import { registerButtons } from './listeners/buttons.ts';
import { registerCommand } from './listeners/command.ts';
import { registerConfigSubmit } from './listeners/config-submit.ts';
import type { ListenerDeps } from './listeners/deps.ts';
import { createSlackMessenger } from './messenger.ts';
import { createRequestGuard, type RequestGuard } from './request-guard.ts';
import { slackErrorCode } from './slack-errors.ts';
import { createUserDirectory, type ProfileCache } from './users.ts';

/** Where Slack sends slash commands and interactivity in HTTP mode (manifest.yml). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapter {
  messenger: Messenger;
  /** HTTP mode: Node request listener for POST /slack/events, to mount on the bot's single HTTP server (HTTP_PORT, shared with BBB callbacks and /healthz). Returns false if the path is not Slack's. */
  handleHttp?: (req: IncomingMessage, res: ServerResponse, url?: URL) => boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For /readyz: HTTP mode once started; Socket Mode while the WebSocket is connected. */
  ready(): boolean;
}

export interface SlackAdapterOptions {
  app: App;
  config: Config;
  log: Logger;
  /** Users' names kept in the database (Store.userProfiles); without it, in memory only. */
  profiles?: ProfileCache;
  /** Tests only: shorter timings. */
  timings?: { noticeMs?: number; modalRaceMs?: number };
}

function clientOptions(config: Config): webApi.WebClientOptions {
  const options: webApi.WebClientOptions = { timeout: 10_000, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 } };
  if (config.SLACK_API_URL) options.slackApiUrl = config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`;
  return options;
}

export async function createSlackAdapter(opts: SlackAdapterOptions): Promise<SlackAdapter> {
  const { app, config, log } = opts;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is not set');
  for (const s of [token, config.SLACK_SIGNING_SECRET, config.SLACK_APP_TOKEN]) log.addSecret(s);

  const logger = boltLogger(log);
  const common = { token, logger, clientOptions: clientOptions(config), convoStore: false as const, deferInitialization: true };
  const appToken = config.SLACK_APP_TOKEN;
  const socketMode = appToken !== undefined;
  let receiver: HTTPReceiver | undefined;
  let bolt: BoltApp;
  if (appToken !== undefined) {
    bolt = new BoltApp({ ...common, socketMode: true, appToken });
  } else {
    if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is not set (needed in HTTP mode)');
    // Requests reach Bolt only through receive() below, after our guard checked the signature, the
    // timestamp (both ways) and replays; Bolt's own check would compute the same HMAC again (issue 14).
    receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoints: [SLACK_EVENTS_PATH],
      logger,
      bodyLimit: MAX_BODY_BYTES,
      signatureVerification: false,
    });
    bolt = new BoltApp({ ...common, receiver });
  }
  try {
    await bolt.init(); // auth.test: fails fast on a wrong token or an unreachable Slack
  } catch (err) {
    throw new Error(`Slack: auth.test failed (${slackErrorCode(err)}); check SLACK_BOT_TOKEN and SLACK_API_URL`);
  }

  const delivery = createDelivery({ client: bolt.client, state: app.state, log });
  const users = createUserDirectory({
    client: bolt.client,
    adminsFromWorkspace: config.SLACK_ADMINS_FROM_WORKSPACE,
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
    onError: (code) => log.warn('slack: users.info failed', { error: code }),
  });
  const deps: ListenerDeps = {
    app,
    users,
    delivery,
    log,
    noticeMs: opts.timings?.noticeMs ?? 1500,
    modalRaceMs: opts.timings?.modalRaceMs ?? 2500,
  };
  registerCommand(bolt, deps);
  registerButtons(bolt, deps);
  registerConfigSubmit(bolt, deps);
  bolt.error(async (err) => {
    log.error('slack: unhandled error in a listener', { error: err.message, code: err.code });
  });

  let started = false;
  const socket = socketMode ? socketConnection(bolt) : undefined;
  const adapter: SlackAdapter = {
    messenger: createSlackMessenger(delivery, log),
    async start() {
      if (socketMode) await bolt.start();
      started = true;
      log.info(socketMode ? 'slack: connected in Socket Mode' : `slack: listening for POST ${SLACK_EVENTS_PATH}`);
    },
    async stop() {
      started = false;
      if (socketMode) await bolt.stop();
    },
    ready: () => started && (socket?.() ?? true),
  };
  if (receiver) adapter.handleHttp = httpHandler(receiver, createRequestGuard(config.SLACK_SIGNING_SECRET!), log);
  return adapter;
}

/** Whether Bolt's Socket Mode client is connected right now (it reconnects by itself). */
function socketConnection(bolt: BoltApp): () => boolean {
  const client = (bolt as unknown as { receiver?: { client?: NodeJS.EventEmitter } }).receiver?.client;
  let connected = false;
  client?.on('connected', () => (connected = true));
  for (const down of ['close', 'disconnected', 'reconnecting', 'disconnecting']) client?.on(down, () => (connected = false));
  return () => connected;
}

function httpHandler(receiver: HTTPReceiver, guard: RequestGuard, log: Logger): NonNullable<SlackAdapter['handleHttp']> {
  return (req, res, url) => {
    const path = url?.pathname ?? new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SLACK_EVENTS_PATH) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    void receive(receiver, guard, log, req, res);
    return true;
  };
}

/** Reads the body under the cap, then our checks, then Bolt's own (it reuses the buffered body). */
async function receive(receiver: HTTPReceiver, guard: RequestGuard, log: Logger, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body.ok) {
    log.warn(body.why === 'too-large' ? 'slack: request body too large' : 'slack: request aborted mid-body');
    return body.why === 'too-large' ? refuseTooLarge(res) : void res.destroy();
  }
  const sslCheck =
    req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
    body.body.includes('ssl_check=') && // parsed only when it may be one: a command's body is not parsed twice
    new URLSearchParams(body.body.toString('utf8')).get('ssl_check') === '1';
  // Slack's ssl_check is unsigned: answered here and never handed to Bolt, whose own signature check
  // is off (ours ran instead) and which would run a `payload` smuggled beside `ssl_check=1`.
  if (sslCheck) return void res.writeHead(200).end();
  const verdict = guard.check(req.headers, body.body);
  if (verdict === 'stale' || verdict === 'bad-signature') {
    log.warn(`slack: request refused (${verdict})`);
    return void res.writeHead(401).end();
  }
  // A replay is answered like a delivered request (200, nothing to show) but runs nothing.
  if (verdict === 'replay') {
    log.warn('slack: replayed request ignored');
    return void res.writeHead(200).end();
  }
  // Bolt's own request handling: parsing, ack -> HTTP response.
  Object.assign(req, { rawBody: body.body });
  receiver.requestListener(req, res);
}
