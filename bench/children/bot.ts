// The bot as it runs in production (adapters/main.ts run(): store, BBB client, Slack adapter on
// the one HTTP server, reconciler, pino audit lines on stderr), plus the stats answer for the bench.
// Configuration comes from the environment the parent passes (HTTP_PORT chosen by the parent).
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

async function waitForHealth(p: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${p}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('bench bot: /healthz never answered 200');
}
