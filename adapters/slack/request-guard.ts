// What Bolt's receiver does not check: a timestamp from the future (Bolt refuses only the past)
// and a correctly signed request sent again. Slack never sends the same signed bytes twice (its
// retries carry a new timestamp and signature), so a signature seen before is a replay.
// The memory of seen signatures is per process: several instances behind a load balancer would
// need a shared store (e.g. Redis SET NX with a TTL) for the replay check to hold across them.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window: a request more than 5 minutes from our clock, either way, is refused. */
export const MAX_SKEW_SECONDS = 5 * 60;
const MAX_REMEMBERED = 50_000;

export type Verdict = 'pass' | 'stale' | 'bad-signature' | 'replay';

export interface RequestGuard {
  check(headers: IncomingHttpHeaders, rawBody: Buffer): Verdict;
}

export function createRequestGuard(signingSecret: string, nowSeconds: () => number = () => Date.now() / 1000): RequestGuard {
  const seen = new Map<string, number>(); // signature -> when it leaves the window (epoch s)
  const forget = (now: number): void => {
    for (const [sig, until] of seen) if (until < now) seen.delete(sig);
    // Still full of live entries: drop the oldest (a flood of validly signed requests is Slack's own).
    for (const sig of seen.keys()) {
      if (seen.size < MAX_REMEMBERED) break;
      seen.delete(sig);
    }
  };
  return {
    check(headers, rawBody) {
      const ts = Number(header(headers, 'x-slack-request-timestamp'));
      const signature = header(headers, 'x-slack-signature');
      const now = nowSeconds();
      if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_SKEW_SECONDS) return 'stale';
      if (!signature || !validSignature(signingSecret, ts, rawBody, signature)) return 'bad-signature';
      if (seen.has(signature)) return 'replay';
      if (seen.size >= MAX_REMEMBERED) forget(now);
      seen.set(signature, ts + MAX_SKEW_SECONDS);
      return 'pass';
    },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

function validSignature(secret: string, ts: number, body: Buffer, signature: string): boolean {
  const hmac = createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex');
  const expected = Buffer.from(`v0=${hmac}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
