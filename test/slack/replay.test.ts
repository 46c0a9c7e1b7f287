// Issue 9 item 8: a correctly signed request counts once, and only within 5 minutes of our
// clock in either direction (Bolt alone refused only the past).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDENT } from '../fakes/slack-fake-app.ts';
import { postToBot, slashCommandBody } from '../fakes/slack-requests.ts';
import { CHANNEL, type Harness, SIGNING_SECRET, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

let n = 0;
/** A distinct slash command each time, so only a true replay repeats a signature. */
const body = (): string =>
  slashCommandBody({ text: `status ${++n}`, user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, response_url: h.api.newResponseUrl() });
const ran = (b: string): number => h.app.invocations.filter((i) => i.text === new URLSearchParams(b).get('text')).length;
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));

describe('Slack requests: replay and clock skew', () => {
  it('the same signed request sent twice runs once; the replay gets an empty 200', async () => {
    const b = body();
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postToBot(h.endpoint, b, { signingSecret: SIGNING_SECRET, timestamp });
    expect(first.status).toBe(200);
    await h.api.waitFor(() => ran(b) === 1, 3000, 'the first run');
    const again = await postToBot(h.endpoint, b, { signingSecret: SIGNING_SECRET, timestamp });
    expect(again.status).toBe(200);
    expect(again.body).toBe('');
    await settle();
    expect(ran(b)).toBe(1);
    expect(h.log.lines.some((l) => l.includes('replayed request ignored'))).toBe(true);
  });

  it('a timestamp 6 minutes in the future is refused with 401', async () => {
    const b = body();
    const res = await postToBot(h.endpoint, b, { signingSecret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(res.status).toBe(401);
    await settle();
    expect(ran(b)).toBe(0);
  });

  it('accepted exactly when the skew is within 5 minutes, either way (property)', async () => {
    // Offsets stay 3 s away from the edge so the test's and the bot's clocks cannot disagree.
    const offset = fc.oneof(fc.integer({ min: -297, max: 297 }), fc.integer({ min: 303, max: 86_400 }), fc.integer({ min: -86_400, max: -303 }));
    await fc.assert(
      fc.asyncProperty(offset, async (off) => {
        const b = body();
        const res = await postToBot(h.endpoint, b, { signingSecret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + off });
        expect(res.status).toBe(Math.abs(off) <= 300 ? 200 : 401);
        if (Math.abs(off) <= 300) await h.api.waitFor(() => ran(b) === 1, 3000, 'the run');
      }),
      { numRuns: 40 },
    );
    await settle();
    expect(h.app.invocations.length).toBe(new Set(h.app.invocations.map((i) => i.text)).size); // nothing ran twice
  }, 60_000);
});
