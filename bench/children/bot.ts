// The bot as it runs in production (adapters/main.ts run(): store, BBB client, Slack adapter on
// the one HTTP server, reconciler, pino audit lines on stderr), plus the stats answer for the bench.
// Configuration comes from the environment the parent passes (HTTP_PORT chosen by the parent).
import { get } from 'node:http';
import { run } from '../../adapters/main.ts';
import { answerStats, ready } from './stats.ts';

answerStats();
const port = Number(process.env['HTTP_PORT']);
const stop = new AbortController();
process.on('disconnect', () => stop.abort());
const running = run({ env: process.env, signal: stop.signal, stdinIsTTY: false });
await waitForHealth(port);
ready(port);
await running;
process.exit(0);

// node:http, not fetch: the first fetch of the process installs Node's bundled undici as fetch's
// dispatcher; in production Bolt is loaded first and its undici 7 (measurably cheaper per
// response_url post) is installed instead. The bench must not change that.
async function waitForHealth(p: number): Promise<void> {
  const healthy = (): Promise<boolean> =>
    new Promise((resolve) => {
      const req = get(`http://127.0.0.1:${p}/healthz`, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
  for (let i = 0; i < 300; i++) {
    if (await healthy()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('bench bot: /healthz never answered 200');
}
