// Builds the core from configuration: store -> BBB client factory -> conference -> app.
// Shared by main.ts (the real run) and the tests (startTestBot).
import type { RateLimitOptions } from '../src/core/rate-limit.ts';
import { dirname } from 'node:path';
import type { Config } from '../src/config.ts';
import { configSecrets } from '../src/config.ts';
import { Store, type StoreOptions } from '../src/store/index.ts';
import { BbbClient } from '../src/bbb/client.ts';
import { ConferenceService } from '../src/core/conference.ts';
import type { ServerSettings } from '../src/core/model.ts';
import { parseAdminList } from '../src/core/roles.ts';
import { createApp, type CoreApp } from '../src/app.ts';
import type { Logger } from '../src/log.ts';
import type { Platform } from '../src/core/types.ts';
import { createAfter, type After, type AfterDeps } from '../src/core/after/index.ts';
import type { CommandEvents } from '../src/commands/context.ts';
import { createMetrics, type Metrics } from '../src/metrics.ts';
import { Scheduler } from '../src/core/schedule/scheduler.ts';
import { reminderStarted } from '../src/core/schedule/reminder-update.ts';
import { scheduleSubject } from '../src/core/schedule/subject.ts';

export interface Bot {
  app: CoreApp;
  store: Store;
  conference: ConferenceService;
  config: Config;
  /** After the command: callbacks' and the reconciler's events, notify-me, attendance. */
  after: After;
  /** Timetables: reminders, automatic start and end (main.ts starts its timer; tests call tick). */
  scheduler: Scheduler;
  /** Chat connections for /readyz: adapter name -> is it connected (set by main.ts as adapters start). */
  readiness: Map<string, () => boolean>;
  /** Prometheus metrics of this bot (GET /metrics). */
  metrics: Metrics;
  close(): void;
}

export function createBot(
  config: Config,
  options: {
    log: Logger;
    fallbackServer?: ServerSettings | undefined;
    rateLimit?: RateLimitOptions;
    /** The store, when start-up has opened it already (main.ts checks DB_PATH first). */
    store?: Store;
  },
): Bot {
  const { log } = options;
  for (const s of configSecrets(config)) log.addSecret(s);
  const store = options.store ?? Store.open(config.DB_PATH, storeOptions(config, log));
  const saved = store.settings.server();
  if (saved) log.addSecret(saved.secret);
  const metrics = createMetrics({ openMeetings: () => store.meetings.allOpen().length });
  const envServer = config.BBB_URL && config.BBB_SECRET ? { url: config.BBB_URL, secret: config.BBB_SECRET } : undefined;
  const conference = new ConferenceService({
    store,
    makeApi: (server) => {
      log.addSecret(server.secret);
      return new BbbClient({ url: server.url, secret: server.secret, algorithm: config.BBB_CHECKSUM_ALGORITHM, timeoutMs: config.BBB_TIMEOUT_MS, observe: metrics.bbbCall });
    },
    fallbackServer: envServer ?? options.fallbackServer,
    defaultDurationMinutes: config.BBB_DEFAULT_DURATION_MINUTES,
    publicUrl: config.PUBLIC_URL,
    joinLinkMinutes: config.HTTP_JOIN_LINK_MINUTES,
  });
  const prefixes: Record<Platform, string> = { console: '/conference', slack: '/conference', matrix: config.MATRIX_COMMAND_PREFIX };
  // The after-the-command services reach the app (messengers, contexts) once it exists.
  const appRef: { current?: CoreApp } = {};
  const afterDeps: AfterDeps = {
    store,
    conference,
    log,
    language: config.BOT_LANGUAGE,
    timeZone: config.BOT_TIMEZONE,
    recordingWatchHours: config.RECORDING_WATCH_HOURS,
    pollSeconds: config.BBB_POLL_SECONDS,
    messengers: () => appRef.current?.messengers ?? new Map(),
    contextFor: (inv) => appRef.current!.contextFor(inv),
  };
  const after = createAfter(afterDeps);
  const events: CommandEvents = {
    ...after.events,
    linkGiven: (ctx, row, role) => (metrics.linkGiven(role), after.events.linkGiven(ctx, row, role)),
    // A class started (`start` or the schedule): notify-me, and the rooms' reminders get the Join button (after the reply).
    meetingStarted: async (ctx, scope, announcement) => {
      await after.events.meetingStarted(ctx, scope, announcement);
      const subject = scheduleSubject(store, scope); // a course's or the global conference's rooms
      if (subject) after.background.run('schedule-reminder', () => reminderStarted(afterDeps, subject, Date.now()));
    },
  };
  const app = createApp({
    store,
    conference,
    log,
    envAdmins: parseAdminList(config.BOT_ADMINS),
    language: config.BOT_LANGUAGE,
    prefixes,
    events,
    onCommand: metrics.command,
    timeZone: config.BOT_TIMEZONE,
    defaultDurationMinutes: config.BBB_DEFAULT_DURATION_MINUTES,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  appRef.current = app;
  const scheduler = new Scheduler({ ...afterDeps, events });
  // Open meetings are reconciled before the first answer (a restart mid-class must not contradict itself).
  const handle = app.handle;
  app.handle = async (inv) => (await after.ready(), handle(inv));
  return { app, store, conference, config, after, scheduler, readiness: new Map(), metrics, close: () => store.close() };
}

/** The key for secrets at rest: BOT_SECRET_KEY, else secret.key beside the database (made at first start). */
export function storeOptions(config: Config, log?: Logger): StoreOptions {
  return { secretKey: config.BOT_SECRET_KEY, log };
}

/** Matrix sync state and other files live beside the database. */
export function dataDir(config: Config): string {
  return dirname(config.DB_PATH);
}
