// The bot's HTTP server cannot be held by a slow or oversized request (issue 9 item 2: header and
// request timeouts).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_LIMITS } from '../../adapters/http/server.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { rawExchange } from './raw.ts';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ http: true });
});
afterAll(async () => bot.close());

describe('server limits', () => {
  it('headers larger than 16 KB: 431', async () => {
    const big = `x-big: ${'a'.repeat(20 * 1024)}\r\n`;
    expect(await rawExchange(bot.publicUrl!, `GET /healthz HTTP/1.1\r\nhost: bot\r\n${big}\r\n`)).toBe(431);
  });

  it('headers trickled in one line a second: the connection is cut after the headers timeout', async () => {
    const { port } = new URL(bot.publicUrl!);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nhost: bot\r\n'));
      const drip = setInterval(() => socket.writable && socket.write(`x-slow-${Date.now()}: 1\r\n`), 1000);
      const give = setTimeout(() => socket.destroy(), 40_000);
      socket.on('error', () => {});
      socket.resume();
      socket.on('close', () => {
        clearInterval(drip);
        clearTimeout(give);
        resolve(Date.now() - started);
      });
    });
    expect(closedAfter).toBeGreaterThanOrEqual(SERVER_LIMITS.headersTimeout - 500);
    expect(closedAfter).toBeLessThan(SERVER_LIMITS.headersTimeout + 10_000); // Node's default would be 60 s
    expect(bot.log.lines.filter((l) => / ERROR /.test(l))).toEqual([]);
  }, 45_000);
});
