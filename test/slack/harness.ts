// One bot under test: the real Slack adapter (real Bolt HTTPReceiver) mounted on a loopback HTTP
// server, a fake Slack Web API, and an App (the fake core by default).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { App } from '../../src/core/types.ts';
import { memoryLogger } from '../../src/log.ts';
import { ADMIN, createFakeApp, type FakeApp, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import {
  blockActionPayload,
  type ClickFields,
  interactionBody,
  postToBot,
  slashCommandBody,
  type SlackHttpResponse,
  viewSubmissionPayload,
} from '../fakes/slack-requests.ts';
import { assertNoJoinUrlInChannelPosts, type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
export const CHANNEL = { id: 'C0MATH101', name: 'math101' };

export interface Person {
  id: string;
  name: string;
}

export interface Harness<A extends App = FakeApp> {
  api: FakeSlackWebApi;
  app: A;
  adapter: SlackAdapter;
  log: ReturnType<typeof memoryLogger>;
  endpoint: string;
  /** `/conference <text>` typed by `who` in `channel`; returns the HTTP answer and the response_url. */
  command(text: string, who: Person, channel?: { id: string; name: string }): Promise<SlackHttpResponse & { responseUrl: string }>;
  click(fields: Omit<ClickFields, 'response_url'>, payload?: (f: ClickFields) => Record<string, unknown>): Promise<SlackHttpResponse & { responseUrl: string }>;
  submit(who: Person, view: { callback_id: string; private_metadata: string }, values: Record<string, Record<string, { type: string; value: string | null }>>): Promise<SlackHttpResponse>;
  close(): Promise<void>;
}

export async function startHarness<A extends App = FakeApp>(opts: {
  app?: A;
  env?: Record<string, string>;
  timings?: { noticeMs?: number; modalRaceMs?: number };
} = {}): Promise<Harness<A>> {
  const api = await startFakeSlackWebApi();
  api.addUser({ id: ADMIN.id, name: ADMIN.name, realName: 'Ada Admin', displayName: 'ada' });
  api.addUser({ id: TEACHER.id, name: TEACHER.name, realName: 'Tina Teacher', displayName: 'Tina' });
  api.addUser({ id: STUDENT.id, name: STUDENT.name, realName: 'Sam Student', displayName: '' });
  const app = opts.app ?? (createFakeApp() as unknown as A);
  const log = memoryLogger();
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.apiUrl, ...opts.env });
  const adapter = await createSlackAdapter({ app, config, log, ...(opts.timings ? { timings: opts.timings } : {}) });
  const server = createServer((req, res) => {
    if (!adapter.handleHttp?.(req, res)) res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const post = (body: string): Promise<SlackHttpResponse> => postToBot(endpoint, body, { signingSecret: SIGNING_SECRET });

  return {
    api,
    app,
    adapter,
    log,
    endpoint,
    async command(text, who, channel = CHANNEL) {
      const responseUrl = api.newResponseUrl();
      const body = slashCommandBody({ text, user_id: who.id, user_name: who.name, channel_id: channel.id, channel_name: channel.name, response_url: responseUrl });
      return { ...(await post(body)), responseUrl };
    },
    async click(fields, payload = blockActionPayload) {
      const responseUrl = api.newResponseUrl();
      return { ...(await post(interactionBody(payload({ ...fields, response_url: responseUrl })))), responseUrl };
    },
    async submit(who, view, values) {
      return post(interactionBody(viewSubmissionPayload({ user_id: who.id, user_name: who.name, view, values })));
    },
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      // Global rules, checked after every test that uses the harness.
      assertNoJoinUrlInChannelPosts(api);
      for (const line of log.lines) {
        if (line.includes(BOT_TOKEN) || line.includes(SIGNING_SECRET)) throw new Error(`a secret was logged: ${line}`);
        if (/\/api\/join\?/.test(line)) throw new Error(`a join link was logged: ${line}`);
      }
    },
  };
}

/** The blocks of a recorded message body, as text, for assertions. */
export function blocksText(body: Record<string, unknown>): string {
  return JSON.stringify(body['blocks'] ?? []);
}

/** Button elements of a message body. */
export function buttons(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const blocks = (body['blocks'] ?? []) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}
