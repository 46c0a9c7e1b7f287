// /healthz is liveness (no outside call), /readyz readiness with a cached BBB probe (issue 9
// item 7's /healthz part, issue 10's Health bullet). Counted with the dev server's call counters.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${bot!.publicUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** `total` GETs, `parallel` at a time; returns the statuses seen. */
async function hammer(path: string, total: number, parallel = 50): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let done = 0; done < total; done += parallel) {
    const batch = Array.from({ length: Math.min(parallel, total - done) }, () => fetch(`${bot!.publicUrl}${path}`).then(async (r) => (await r.arrayBuffer(), r.status)));
    for (const s of await Promise.all(batch)) seen.add(s);
  }
  return seen;
}

const bbbCalls = (): number => Object.values(bot!.bbb.control.callCounts()).reduce((a, b) => a + b, 0);

describe('/healthz and /readyz', () => {
  it('/healthz: 200 from the store alone; 1,000 requests make no BBB call', async () => {
    bot = await startTestBot({ http: true });
    bot.bbb.control.resetCallCounts();
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok', store: true } });
    expect(await hammer('/healthz', 1000)).toEqual(new Set([200]));
    expect(bbbCalls()).toBe(0);
  }, 60_000);

  it('/readyz: 200 with BBB reachable; 1,000 concurrent requests make at most a handful of BBB calls', async () => {
    bot = await startTestBot({ http: true });
    bot.readiness.set('slack', () => true);
    bot.bbb.control.resetCallCounts();
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', store: true, bbb: 'ok', chat: { slack: true } } });
    expect(await hammer('/readyz', 1000)).toEqual(new Set([200]));
    expect(bbbCalls()).toBeGreaterThanOrEqual(1);
    expect(bbbCalls()).toBeLessThanOrEqual(3);
  }, 60_000);

  it('/readyz: 503 while BBB refuses connections, still a handful of calls for 300 requests', async () => {
    bot = await startTestBot({ http: true });
    bot.bbb.control.injectFault({ kind: 'refuse', calls: ['version'] });
    bot.bbb.control.resetCallCounts();
    const first = await get('/readyz');
    expect(first).toMatchObject({ status: 503, body: { status: 'unavailable', bbb: 'unreachable' } });
    expect(await hammer('/readyz', 300)).toEqual(new Set([503]));
    expect(bbbCalls()).toBeLessThanOrEqual(6); // one probe (with the client's two retries), maybe a second
    expect(await get('/healthz')).toMatchObject({ status: 200 }); // liveness does not depend on BBB
  }, 60_000);

  it('/readyz: 503 when a chat connection is down; /healthz: 503 when the store is gone', async () => {
    bot = await startTestBot({ http: true });
    let connected = true;
    bot.readiness.set('matrix', () => connected);
    expect((await get('/readyz')).status).toBe(200);
    connected = false;
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { chat: { matrix: false } } });
    bot.store.close();
    expect(await get('/healthz')).toEqual({ status: 503, body: { status: 'unavailable', store: false } });
  });
});
