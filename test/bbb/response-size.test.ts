// A broken or hostile BBB server that answers without end: the client reads a few MB, aborts the
// request (the server sees its connection closed), and reports BbbResponseTooLargeError.
// The server generates its (broken) XML lazily and honours backpressure; it stops at 200 MB in any case,
// so that this test stays safe on a client without a cap.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { BbbClient } from '../../src/bbb/client.ts';
import { BbbResponseTooLargeError } from '../../src/bbb/errors.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const SAFETY_BYTES = 200 * 1024 * 1024;
const MEETING = `<meeting><meetingName>Endless</meetingName><meetingID>m</meetingID>${'<x>padding</x>'.repeat(60)}</meeting>`;
/** 64 KB of meetings per write, built once. */
const CHUNK = Buffer.from(MEETING.repeat(Math.ceil(65536 / MEETING.length)));

interface Endless { url: string; hits: number; sent: number; closed: number; server: Server }
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** Streams `<response><meetings><meeting>…` forever (up to the safety bound), optionally announcing a length. */
async function endlessBbb(contentLength?: number): Promise<Endless> {
  const state: Endless = { url: '', hits: 0, sent: 0, closed: 0, server: createServer() };
  state.server.on('request', (_req, res) => {
    state.hits++;
    res.on('close', () => state.closed++);
    let sent = 0;
    res.writeHead(200, { 'content-type': 'text/xml', ...(contentLength ? { 'content-length': contentLength } : {}) });
    const write = (): void => {
      let more = true;
      // Broken early (</meeting> closes <meetings>), so that a client without a cap, once it has read
      // everything, fails fast in the XML validator instead of parsing 200 MB.
      if (sent === 0) more = res.write('<response><returncode>SUCCESS</returncode><meetings></meeting>');
      while (more && sent < SAFETY_BYTES && !res.destroyed) {
        more = res.write(CHUNK);
        sent += CHUNK.length;
        state.sent += CHUNK.length;
      }
      if (sent >= SAFETY_BYTES) res.end('</meetings></response>');
      else if (!res.destroyed) res.once('drain', write);
    };
    write();
  });
  servers.push(state.server);
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

async function warmUpFetch(): Promise<void> {
  const server = createServer((_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)).text();
}

async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !done(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error('the server never saw its connection closed');
  }
}

describe('BBB answers without end', () => {
  it('stops at the cap with BbbResponseTooLargeError, promptly, with bounded memory, and closes the connection', async () => {
    const bbb = await endlessBbb();
    const client = new BbbClient({ url: bbb.url, secret: 'endless-secret-1234', timeoutMs: 20_000, backoffMs: () => 1 });
    await warmUpFetch(); // Node loads its fetch implementation on first use: not the answer's cost
    const refused = async (): Promise<number> => {
      const t0 = performance.now();
      const err = await client.getMeetings().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(BbbResponseTooLargeError);
      expect((err as Error).message).toContain('getMeetings');
      return performance.now() - t0;
    };

    gc(); // a clean start: garbage of earlier work is not the answer's cost either
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const ms = await refused().finally(() => clearInterval(sampler));
    peak = Math.max(peak, process.memoryUsage().rss);
    const growMb = (peak - before) / 2 ** 20;
    expect(growMb).toBeLessThan(40);
    expect(ms).toBeLessThan(10_000); // well before the 20 s timeout (typically < 1 s)

    // Nothing of an aborted answer stays behind: two more, then the heap is back where it was.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    await refused();
    await refused();
    await waitFor(() => bbb.closed === 3);
    gc();
    const keptMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect(keptMb).toBeLessThan(4);
    expect(bbb.hits).toBe(3); // not retried: a too-large answer is not a transient failure
    expect(bbb.sent).toBeLessThan(3 * 64 * 1024 * 1024); // the server was stopped, not drained
    console.log(`endless answer: refused after ${ms.toFixed(0)} ms, peak RSS +${growMb.toFixed(1)} MB; 3 answers: server sent ${(bbb.sent / 2 ** 20).toFixed(1)} MB, heap kept ${keptMb.toFixed(1)} MB`);
  }, 60_000);

  it('refuses an announced Content-Length above the cap before reading the body', async () => {
    const bbb = await endlessBbb(SAFETY_BYTES);
    const client = new BbbClient({ url: bbb.url, secret: 'endless-secret-1234', timeoutMs: 20_000, maxResponseBytes: 1024 * 1024 });
    const t0 = performance.now();
    await expect(client.getRecordings({ meetingId: 'm' })).rejects.toBeInstanceOf(BbbResponseTooLargeError);
    expect(performance.now() - t0).toBeLessThan(10_000);
    await waitFor(() => bbb.closed === 1);
    expect(bbb.sent).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  it('still reads an answer just under the cap', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<response><returncode>SUCCESS</returncode><version>2.0</version><pad>${'y'.repeat(900_000)}</pad></response>`);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new BbbClient({ url, secret: 'endless-secret-1234', maxResponseBytes: 1024 * 1024 });
    await expect(client.version()).resolves.toMatchObject({ version: '2.0' });
  });
});
