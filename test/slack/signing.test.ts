// Requests reach Bolt's own receiver exactly as Slack sends them; Bolt's signature check guards the app.
import { afterEach, describe, expect, it } from 'vitest';
import { STUDENT } from '../fakes/slack-fake-app.ts';
import { blockActionPayload, formEncode, interactionBody, postToBot, signSlackRequest, slashCommandBody } from '../fakes/slack-requests.ts';
import { fixture } from '../fakes/slack-web-api.ts';
import { CHANNEL, type Harness, SIGNING_SECRET, startHarness } from './harness.ts';

function signingExample(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fixture('signing-example.txt').split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 2);
  }
  return out;
}

describe('Slack request signing', () => {
  it('reproduces the documented signing vector', () => {
    const ex = signingExample();
    const { signing_secret: secret, 'x-slack-request-timestamp': ts, body } = ex;
    expect(signSlackRequest(secret!, ts!, body!)).toBe(ex['x-slack-signature']);
    // Our form encoder produces Slack's real encoding (command and response_url percent-encoded).
    const fields = Object.fromEntries(new URLSearchParams(body!));
    expect(formEncode(fields)).toBe(body);
    expect(body).toContain('command=%2Fwebhook-collect');
  });

  describe('against the Bolt receiver', () => {
    let h: Harness;
    afterEach(async () => h.close());

    const body = (): string =>
      slashCommandBody({ text: 'join', user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name, response_url: h.api.newResponseUrl() });

    it('accepts a correctly signed slash command and calls the app', async () => {
      h = await startHarness();
      const res = await postToBot(h.endpoint, body(), { signingSecret: SIGNING_SECRET });
      expect(res.status).toBe(200);
      await h.api.waitFor(() => h.app.invocations.length === 1, 3000, 'the app call');
      expect(h.app.invocations[0]).toMatchObject({ platform: 'slack', text: 'join', source: 'command', user: { id: STUDENT.id }, room: { id: CHANNEL.id, isDirect: false } });
    });

    it('rejects a wrong signature with 401 and does not call the app', async () => {
      h = await startHarness();
      const res = await postToBot(h.endpoint, body(), { signingSecret: 'not-the-signing-secret' });
      expect(res.status).toBe(401);
      const tampered = await postToBot(h.endpoint, body(), { signingSecret: SIGNING_SECRET, signature: signSlackRequest(SIGNING_SECRET, Math.floor(Date.now() / 1000), body() + 'x') });
      expect(tampered.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.app.invocations).toHaveLength(0);
    });

    it('rejects a correctly signed request whose timestamp is older than 5 minutes', async () => {
      h = await startHarness();
      const res = await postToBot(h.endpoint, body(), { signingSecret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.app.invocations).toHaveLength(0);
    });

    it('answers only its own path', async () => {
      h = await startHarness();
      const other = await postToBot(h.endpoint.replace('/slack/events', '/bbb/callback'), body(), { signingSecret: SIGNING_SECRET });
      expect(other.status).toBe(404); // handleHttp returned false: the host server's own 404
      const get = await fetch(h.endpoint);
      expect(get.status).toBe(405);
      expect(h.app.invocations).toHaveLength(0);
    });

    it("answers Slack's ssl_check without calling the app", async () => {
      h = await startHarness();
      const res = await postToBot(h.endpoint, 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO', { signingSecret: SIGNING_SECRET, signature: 'v0=none' });
      expect(res.status).toBe(200);
      expect(h.app.invocations).toHaveLength(0);
    });

    it('an unsigned ssl_check never carries anything else in: a smuggled button payload or command is not run', async () => {
      h = await startHarness();
      const click = blockActionPayload({
        user_id: STUDENT.id, user_name: STUDENT.name, channel_id: CHANNEL.id, channel_name: CHANNEL.name,
        action_id: 'conference_join', value: 'join', response_url: h.api.newResponseUrl(),
      });
      const smuggled = [
        `ssl_check=1&${interactionBody(click)}`, // Bolt would parse the payload and ignore ssl_check
        `ssl_check=1&${body()}`,
      ];
      for (const raw of smuggled) {
        const res = await postToBot(h.endpoint, raw, { signingSecret: SIGNING_SECRET, signature: 'v0=none' });
        expect(res.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(h.app.invocations).toHaveLength(0);
    });

    it('calls auth.test at start-up with the bot token', async () => {
      h = await startHarness();
      const auth = h.api.callsTo('auth.test');
      expect(auth.length).toBeGreaterThanOrEqual(1);
      expect(auth[0]?.authorization).toMatch(/^Bearer xoxb-/);
    });
  });
});
