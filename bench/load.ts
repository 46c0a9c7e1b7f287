// The load generator: signed slash commands exactly as Slack sends them (form body, v0 HMAC
// signature, the sample's fields), at a fixed number of commands in flight. A command is in
// flight from its POST until its answer reaches the response_url sink.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { formEncode, signSlackRequest } from '../test/fakes/slack-requests.ts';
import { fixture } from '../test/fakes/slack-web-api.ts';
import type { ResponseSink } from './sink.ts';

export interface SlashCommand {
  text: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
}

export interface BurstResult {
  /** Per command: POST sent -> completing answer on the response_url, ms. */
  latencies: number[];
  wallMs: number;
  /** Answer bodies, for the correctness check. */
  bodies: string[];
  failures: string[];
}

const SAMPLE = Object.fromEntries(new URLSearchParams(fixture('slash-command.form')));

function body(c: SlashCommand, responseUrl: string): string {
  return formEncode({
    ...SAMPLE,
    command: '/conference',
    text: c.text,
    user_id: c.userId,
    user_name: c.userName,
    channel_id: c.channelId,
    channel_name: c.channelName,
    response_url: responseUrl,
    trigger_id: `${Date.now()}.738474920.8088930838d88f008e0`,
    is_enterprise_install: 'false',
  });
}

function post(url: string, raw: string, secret: string, agent: Agent, retried = false): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise<number>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(raw),
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(secret, timestamp, raw),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: Error & { code?: string }) => {
      // A kept-alive socket the bot closed after 5 s idle (a worker waits that long for a slow
      // answer on a loaded machine) can be reused at that moment: Node's documented race. The
      // request never reached the bot; send it again once, on a new socket.
      if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(post(url, raw, secret, agent, true));
      else reject(err);
    });
    req.end(raw);
  });
}

export async function burst(opts: {
  url: string;
  signingSecret: string;
  commands: SlashCommand[];
  concurrency: number;
  sink: ResponseSink;
  timeoutMs?: number;
}): Promise<BurstResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const result: BurstResult = { latencies: [], wallMs: 0, bodies: [], failures: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < opts.commands.length) {
      const c = opts.commands[next++]!;
      const { url, answer } = opts.sink.expect(opts.timeoutMs ?? 30_000);
      const sent = performance.now();
      try {
        const status = await post(opts.url, body(c, url), opts.signingSecret, agent);
        if (status !== 200) throw new Error(`HTTP ${status}`);
        const got = await answer;
        result.latencies.push(got.at - sent);
        result.bodies.push(got.body);
      } catch (err) {
        answer.catch(() => undefined);
        result.failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  result.wallMs = performance.now() - started;
  agent.destroy();
  return result;
}

/** The p-th percentile (0..100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
