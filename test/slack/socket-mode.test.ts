// Socket Mode (SLACK_APP_TOKEN): no public URL; Slack pushes envelopes over a WebSocket.
// A tiny fake Socket Mode server: apps.connections.open -> ws URL -> `hello` -> envelopes, acks back.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import { memoryLogger } from '../../src/log.ts';
import { createFakeApp, STUDENT } from '../fakes/slack-fake-app.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';

const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let api: FakeSlackWebApi;
let wss: WebSocketServer;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  await api.close();
});

describe('Socket Mode', () => {
  it('connects with the app token, receives a slash command envelope, acks it and answers', async () => {
    api = await startFakeSlackWebApi();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    api.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=fake`;
    const acks: unknown[] = [];
    let socket: WebSocket | undefined;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push(JSON.parse(String(data))));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0123456789' }, debug_info: { host: 'fake' } }));
    });

    const app = createFakeApp();
    const log = memoryLogger();
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-socket-test-token', SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.apiUrl });
    adapter = await createSlackAdapter({ app, config, log });
    expect(adapter.handleHttp).toBeUndefined();
    await adapter.start();

    const [open] = api.callsTo('apps.connections.open');
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);

    const responseUrl = api.newResponseUrl();
    socket!.send(
      JSON.stringify({
        envelope_id: 'b6c1f2d4-envelope',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'gIkuvaNzQIHg97ATvDxqgjtO',
          team_id: 'T0001',
          team_domain: 'example',
          channel_id: 'C0MATH101',
          channel_name: 'math101',
          user_id: STUDENT.id,
          user_name: STUDENT.name,
          command: '/conference',
          text: 'notify',
          api_app_id: 'A0123456789',
          is_enterprise_install: 'false',
          response_url: responseUrl,
          trigger_id: '13345224609.738474920.8088930838d88f008e0',
        },
      }),
    );
    await api.waitFor(() => acks.length === 1, 3000, 'the ack over the socket');
    expect(acks[0]).toMatchObject({ envelope_id: 'b6c1f2d4-envelope' });
    const [answer] = await api.waitFor(() => api.postsTo(responseUrl).length === 1 && api.postsTo(responseUrl), 3000, 'the answer');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', text: 'I will tell you when MATH101 starts.' });
    expect(app.invocations[0]).toMatchObject({ text: 'notify', user: { id: STUDENT.id }, room: { id: 'C0MATH101' } });
    expect(log.lines.join('\n')).not.toContain(APP_TOKEN);
  });

  it('ready() follows the WebSocket: true once connected, false when the connection drops', async () => {
    api = await startFakeSlackWebApi();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    api.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=fake`;
    wss.on('connection', (ws) => ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0123456789' }, debug_info: { host: 'fake' } })));
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-socket-test-token', SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.apiUrl });
    adapter = await createSlackAdapter({ app: createFakeApp(), config, log: memoryLogger() });
    expect(adapter.ready()).toBe(false);
    await adapter.start();
    expect(adapter.ready()).toBe(true);
    api.socketUrl = 'ws://127.0.0.1:1/refused'; // reconnects will fail
    for (const c of wss.clients) c.terminate();
    await api.waitFor(() => !adapter!.ready(), 5000, 'ready() to turn false');
  });
});
