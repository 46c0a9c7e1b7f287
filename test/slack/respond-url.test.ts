// respondTo (issue 14): answers reach the response_url as Bolt's respond sent them (same JSON,
// same content type, an error on a non-2xx status), over kept-alive connections, and survive the
// server closing an idle connection.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { respondTo } from '../../adapters/slack/respond-url.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

interface Seen {
  body: string;
  type: string | undefined;
}

async function sink(status = 200, keepAliveMs = 5000): Promise<{ url: string; seen: Seen[]; connections: () => number }> {
  const seen: Seen[] = [];
  let connections = 0;
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ body, type: req.headers['content-type'] });
      res.writeHead(status).end('ok');
    });
  });
  server.keepAliveTimeout = keepAliveMs;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T1/B1/x`, seen, connections: () => connections };
}

const unused = vi.fn(async () => ({}) as never);

describe('respondTo', () => {
  it('posts the message as Bolt did, and reuses one connection for several answers', async () => {
    const s = await sink();
    const respond = respondTo(s.url, unused);
    const message = { response_type: 'ephemeral' as const, replace_original: false, text: 'Your link', blocks: [{ type: 'divider' as const }] };
    for (let i = 0; i < 5; i++) await respond(message);
    await respond('plain text');
    expect(s.seen.map((x) => JSON.parse(x.body))).toEqual([...Array(5).fill(message), { text: 'plain text' }]);
    expect(new Set(s.seen.map((x) => x.type))).toEqual(new Set(['application/json']));
    expect(s.connections()).toBe(1);
    expect(unused).not.toHaveBeenCalled();
  });

  it('fails on a non-2xx status (the caller then uses chat.postEphemeral)', async () => {
    const s = await sink(404);
    await expect(respondTo(s.url, unused)('x')).rejects.toThrow(/404/);
  });

  it('still answers after the server closed an idle kept-alive connection', async () => {
    const s = await sink(200, 50);
    const respond = respondTo(s.url, unused);
    await respond('first');
    await new Promise((r) => setTimeout(r, 300)); // the server closes the idle connection
    await respond('second');
    expect(s.seen.map((x) => JSON.parse(x.body).text)).toEqual(['first', 'second']);
  });

  it("uses Bolt's respond when the response_url is missing or not http(s)", () => {
    expect(respondTo(undefined, unused)).toBe(unused);
    expect(respondTo('ftp://example.com/x', unused)).toBe(unused);
  });
});
