// The real bot's HTTP server (createBotServer + createHttpHandler, as main.ts builds it) with the
// real Slack adapter mounted on it, the real core behind, and the fake Slack Web API. Plus a
// sender that streams a body generated lazily, so a 50 MB test body costs the test 64 KB.
import { connect } from 'node:net';
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

/**
 * POSTs `total` bytes of 'a' over a raw socket, with Content-Length or chunked, and keeps writing
 * until the server closes the connection (an HTTP client library would stop at the response).
 */
export function sendLazily(url: string, total: number, o: { chunked: boolean; limitMs?: number }): Promise<LazySendResult> {
  const { hostname, port, pathname } = new URL(url);
  const data = Buffer.alloc(64 * 1024, 'a');
  const chunk = o.chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data;
  let pulled = 0;
  let answer = '';
  return new Promise((resolve) => {
    const body = new Readable({
      read() {
        if (pulled >= total) return void this.push(o.chunked ? '0\r\n\r\n' : null);
        pulled += data.length;
        this.push(chunk);
      },
    });
    const socket = connect(Number(port), hostname);
    let timer: NodeJS.Timeout | undefined;
    const done = (stalled: boolean): void => {
      clearTimeout(timer);
      body.destroy();
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve({ status: status ? Number(status) : undefined, pulled, stalled });
    };
    timer = setTimeout(() => done(true), o.limitMs ?? 15_000);
    socket.on('data', (d: Buffer) => void (answer.length < 1000 && (answer += d.toString('latin1'))));
    socket.on('error', () => {}); // EPIPE / ECONNRESET: the server closed on us, which is the point
    socket.on('close', () => done(false));
    const framing = o.chunked ? 'transfer-encoding: chunked' : `content-length: ${total}`;
    socket.write(`POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/x-www-form-urlencoded\r\n${framing}\r\n\r\n`);
    body.pipe(socket);
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
