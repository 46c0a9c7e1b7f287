// A hostile BBB server answers with huge keys, messages and broken XML: what the user reads and
// every log line stay small. The whole bot runs (console adapter, real core, SQLite) against a
// loopback server that answers every call with the chosen body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { consoleDriver } from '../helpers/console-driver.ts';

const KB = 1024;
const failed = (key: string, message: string) =>
  `<response><returncode>FAILED</returncode><messageKey>${key}</messageKey><message>${message}</message></response>`;

let bot: TestBot | undefined;
let server: Server | undefined;
afterEach(async () => {
  await bot?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  bot = server = undefined;
});

/** The bot, configured (BBB_URL) for a server that answers `body` to every call, in a linked room. */
async function botAgainst(body: string) {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(body));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bigbluebutton/`;
  bot = await startTestBot({ env: { BBB_URL: url, BBB_SECRET: 'hostile-test-secret-0000' } });
  const d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
  bot.log.lines.length = 0;
  return d;
}

/** Runs the commands; returns their reply texts, after checking them and every log line for size. */
async function smallAnswers(d: Awaited<ReturnType<typeof botAgainst>>, ...lines: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const line of lines) {
    const out = await d.run(line);
    expect(out.length).toBeGreaterThan(0);
    for (const o of out) texts.push(o.text);
  }
  for (const t of texts) expect(t.length).toBeLessThan(2 * KB);
  expect(bot!.log.lines.length).toBeGreaterThan(0); // the fault was logged, briefly
  for (const l of bot!.log.lines) expect(Buffer.byteLength(l)).toBeLessThan(2 * KB);
  return texts;
}

describe('a hostile BBB server', () => {
  it('a 100 KB messageKey and message make a short reply and short log lines', async () => {
    const d = await botAgainst(failed('k'.repeat(100 * KB), 'm '.repeat(50 * KB)));
    const texts = await smallAnswers(d, 'tina general /conference status', 'tina general /conference start', 'sam general /conference recordings');
    for (const t of texts) expect(t).toContain('BigBlueButton refused the request');
  });

  it('a messageKey of markup and control characters is reduced to a plain key', async () => {
    const d = await botAgainst(failed(`&lt;b&gt;evil&lt;/b&gt;\u0007@here${'x'.repeat(200)}`, 'nope'));
    const [text] = await smallAnswers(d, 'tina general /conference status');
    const key = /\(([^)]*)\)/.exec(text!)?.[1] ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
  });

  it('600 KB of broken XML makes a short reply and short log lines', async () => {
    const d = await botAgainst(`<response><returncode>SUCCESS</returncode><${'a'.repeat(600 * KB)}></b></response>`);
    const texts = await smallAnswers(d, 'tina general /conference status', 'tina general /conference start');
    for (const t of texts) expect(t).toContain('cannot be reached right now');
  });
});
