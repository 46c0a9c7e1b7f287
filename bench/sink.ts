// The response_url sink: where the bot (or the floor) answers each command. Each command gets its
// own URL; the sink notes when the answer that completes it arrived (the first post `done` accepts:
// a "Working on it…" notice does not complete a join) and keeps only what the checks need.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

interface Waiter {
  resolve(at: number): void;
  body?: string;
}

export class ResponseSink {
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const id = (req.url ?? '').slice('/r/'.length);
      const waiter = this.waiting.get(id);
      const body = Buffer.concat(chunks).toString('utf8');
      if (!waiter || !this.done(body)) return;
      this.waiting.delete(id);
      waiter.body = body;
      waiter.resolve(performance.now());
    });
  });
  private waiting = new Map<string, Waiter>();
  private base = '';
  private next = 0;
  /** Which post completes a command (default: any). */
  done: (body: string) => boolean = () => true;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh response_url and the moment (performance.now) its completing answer arrives, with its body. */
  expect(timeoutMs: number): { url: string; answer: Promise<{ at: number; body: string }> } {
    const id = String((this.next += 1));
    const answer = new Promise<{ at: number; body: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no answer on response_url ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (at) => {
          clearTimeout(timer);
          resolve({ at, body: waiter.body ?? '' });
        },
      };
      this.waiting.set(id, waiter);
    });
    return { url: `${this.base}/r/${id}`, answer };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
