// Issue 9 item 2: an unsigned 50 MB body to the bot's HTTP server is refused with 413 after at
// most the cap, the socket is closed so the rest is never pulled in, and memory stays flat.
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { rssGrowth, sendLazily, startSlackBot, type SlackBot } from './slack-bot.ts';

const FIFTY_MB = 50 * 1024 * 1024;
/** What the server may read: the 256 KB cap, one more socket read, the headers. */
const MAX_READ = 1024 * 1024;
/** What the sender can hand over: what the server read plus loopback socket buffers (a few MB). */
const MAX_PULLED = 16 * 1024 * 1024;
const MAX_RSS_GROWTH = 40 * 1024 * 1024;

let sb: SlackBot | undefined;
/** Bytes the bot's HTTP server read from its sockets (kernel buffers do not count). */
function serverBytesRead(bot: SlackBot): () => number {
  const sockets: Socket[] = [];
  bot.bot.server!.on('connection', (s: Socket) => sockets.push(s));
  return () => sockets.reduce((n, s) => n + s.bytesRead, 0);
}

afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('request bodies have a cap', () => {
  for (const chunked of [false, true]) {
    it(`50 MB unsigned to /slack/events (${chunked ? 'chunked' : 'Content-Length'}): 413, the rest not read, RSS bounded`, async () => {
      sb = await startSlackBot();
      const read = serverBytesRead(sb);
      const { result, growth } = await rssGrowth(() => sendLazily(sb!.endpoint, FIFTY_MB, { chunked }));
      expect(result.status).toBe(413);
      expect(result.stalled).toBe(false); // the server closed the connection, it did not just stop reading
      expect(result.pulled).toBeLessThan(MAX_PULLED);
      expect(read()).toBeLessThan(MAX_READ);
      expect(growth).toBeLessThan(MAX_RSS_GROWTH);
      expect(sb.bot.log.lines.filter((l) => / ERROR /.test(l))).toEqual([]);
    }, 30_000);
  }

  for (const path of ['/bbb/recording-ready', '/nowhere', '/healthz']) {
    it(`50 MB chunked to ${path}: refused, the connection closed, the rest not read`, async () => {
      sb = await startSlackBot();
      const read = serverBytesRead(sb);
      const result = await sendLazily(`${sb.bot.publicUrl}${path}`, FIFTY_MB, { chunked: true });
      expect(read()).toBeLessThan(MAX_READ);
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(result.stalled).toBe(false);
      expect(result.pulled).toBeLessThan(MAX_PULLED);
    }, 30_000);
  }

  it('a small signed-size body still reaches Bolt (the cap is not the problem of normal traffic)', async () => {
    sb = await startSlackBot();
    const res = await fetch(sb.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=' + 'b'.repeat(200 * 1024) });
    expect(res.status).toBe(401); // unsigned: refused by the signature check, not by the size cap
  });
});
