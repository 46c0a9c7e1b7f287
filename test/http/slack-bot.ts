// The real bot's HTTP server (createBotServer + createHttpHandler, as main.ts builds it) with the
// real Slack adapter mounted on it, the real core behind, and the fake Slack Web API. Plus a
// sender that streams a body generated lazily, so a 50 MB test body costs the test 64 KB.
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import { startFakeSlackWebApi, type FakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

export interface SlackBot {
  bot: TestBot;
  api: FakeSlackWebApi;
  slack: SlackAdapter;
  endpoint: string;
  close(): Promise<void>;
}

export async function startSlackBot(env: Record<string, string> = {}): Promise<SlackBot> {
  const bot = await startTestBot({ http: true, env });
  const api = await startFakeSlackWebApi();
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.apiUrl, DB_PATH: bot.config.DB_PATH });
  const slack = await createSlackAdapter({ app: bot.app, config, log: bot.log });
  bot.app.attachMessenger(slack.messenger);
  bot.routes.push(slack.handleHttp!);
  await slack.start();
  return {
    bot,
    api,
    slack,
    endpoint: `${bot.publicUrl}/slack/events`,
    async close() {
      await slack.stop();
      await bot.close();
      await api.close();
    },
  };
}

export interface LazySendResult {
  status: number | undefined;
  /** Bytes the server let the sender hand over before the exchange ended. */
  pulled: number;
  /** The server neither finished reading nor closed within the time limit. */
  stalled: boolean;
}

/** POSTs `total` bytes of 'a', with Content-Length or chunked, and keeps writing until the server stops it. */
export function sendLazily(url: string, total: number, o: { chunked: boolean; headers?: Record<string, string>; limitMs?: number }): Promise<LazySendResult> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let pulled = 0;
  let status: number | undefined;
  return new Promise((resolve) => {
    const body = new Readable({
      read() {
        if (pulled >= total) return void this.push(null);
        pulled += chunk.length;
        this.push(chunk);
      },
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...o.headers, ...(o.chunked ? {} : { 'content-length': String(total) }) };
    const req = request(url, { method: 'POST', headers, agent: false });
    let timer: NodeJS.Timeout | undefined;
    const done = (stalled: boolean): void => {
      clearTimeout(timer);
      body.destroy();
      req.destroy();
      resolve({ status, pulled, stalled });
    };
    timer = setTimeout(() => done(true), o.limitMs ?? 15_000);
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
    });
    req.on('error', () => {}); // EPIPE / ECONNRESET: the server closed on us, which is the point
    req.on('close', () => done(false));
    body.pipe(req);
  });
}

/** Samples this process's RSS while `work` runs; returns the growth over the starting value. */
export async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - start };
  } finally {
    clearInterval(sampler);
  }
}
