// Slack wants the HTTP answer within 3 seconds; BigBlueButton may take longer.
import { afterEach, describe, expect, it } from 'vitest';
import { TEACHER } from '../fakes/slack-fake-app.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

describe('a slow BigBlueButton', () => {
  it('acks at once; "Working on it…" and then the answer follow through the response_url', async () => {
    h = await startHarness();
    h.app.delays.set('start', 4000);
    const sent = Date.now();
    const res = await h.command('start', TEACHER);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(res.ms).toBeLessThan(1000); // ack comes first, not after the core
    expect(h.api.postsTo(res.responseUrl)).toHaveLength(0);

    const posts = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 2 && h.api.postsTo(res.responseUrl), 8000, 'the answer');
    expect(posts[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
    expect(posts[1]?.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(posts[1]?.body)).toContain('role=MODERATOR');
    expect(posts[1]!.at - sent).toBeGreaterThanOrEqual(3900);
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1, 3000, 'the announcement');
  });

  it('no "Working on it…" when the core is quick', async () => {
    h = await startHarness();
    const res = await h.command('notify', TEACHER);
    await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1, 3000, 'the answer');
    await new Promise((r) => setTimeout(r, 1700));
    expect(h.api.postsTo(res.responseUrl).map((p) => p.body['text'])).toEqual(['I will tell you when MATH101 starts.']);
  });
});
