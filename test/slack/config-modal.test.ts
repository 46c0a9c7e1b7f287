// `/conference config` (no arguments) opens a private modal for the server URL and secret.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, GOOD_SECRET, STUDENT } from '../fakes/slack-fake-app.ts';
import { CHANNEL, type Harness, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

const BBB_URL = 'https://bbb.example.edu/bigbluebutton/';

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ type: string; block_id?: string; element?: { type: string; action_id: string } }>;
}

async function openModal(): Promise<OpenedView> {
  const res = await h.command('config', ADMIN);
  expect(res.status).toBe(200);
  const [open] = await h.api.waitFor(() => h.api.callsTo('views.open').length === 1 && h.api.callsTo('views.open'), 3000, 'views.open');
  expect(String(open?.body['trigger_id'])).toMatch(/\.738474920\./); // the trigger_id of the command
  return open!.body['view'] as OpenedView;
}

function fill(view: OpenedView, url: string, secret: string) {
  const inputs = view.blocks.filter((b) => b.type === 'input');
  expect(inputs.map((b) => b.element?.type)).toEqual(['plain_text_input', 'plain_text_input']);
  const [u, s] = inputs;
  return {
    [u!.block_id!]: { [u!.element!.action_id]: { type: 'plain_text_input', value: url } },
    [s!.block_id!]: { [s!.element!.action_id]: { type: 'plain_text_input', value: secret } },
  };
}

describe('config modal', () => {
  it('opens for an admin, after asking the core "config check-admin"', async () => {
    h = await startHarness();
    const view = await openModal();
    expect(view.callback_id).toBe('conference_config');
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: CHANNEL.id, language: 'en' });
    expect(h.app.invocations.map((i) => i.text)).toEqual(['config check-admin']);
  });

  it('a non-admin gets the refusal ephemerally and no modal', async () => {
    h = await startHarness();
    const res = await h.command('config', STUDENT);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the refusal');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', text: 'Only bot admins can change the configuration.' });
    expect(h.api.callsTo('views.open')).toHaveLength(0);
  });

  it('a good secret closes the modal and the confirmation is ephemeral; the secret is never posted', async () => {
    h = await startHarness();
    const view = await openModal();
    const res = await h.submit(ADMIN, view, fill(view, BBB_URL, GOOD_SECRET));
    expect(res.status).toBe(200);
    expect(res.body).toBe(''); // a plain ack closes the modal
    const inv = h.app.invocations.at(-1)!;
    expect(inv.text).toBe(`config server ${BBB_URL} ${GOOD_SECRET}`);
    expect(inv.room).toEqual({ id: CHANNEL.id, isDirect: true });
    const [eph] = await h.api.waitFor(() => h.api.callsTo('chat.postEphemeral').length === 1 && h.api.callsTo('chat.postEphemeral'), 3000, 'the confirmation');
    expect(eph?.body).toMatchObject({ channel: CHANNEL.id, user: ADMIN.id, text: `Connected to BigBlueButton 2.7 at ${BBB_URL}.` });
    for (const c of h.api.calls) if (c.method !== 'views.open') expect(JSON.stringify(c.body)).not.toContain(GOOD_SECRET);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.log.lines.join('\n')).not.toContain(GOOD_SECRET);
  });

  it('a wrong secret answers response_action errors on the secret input', async () => {
    h = await startHarness();
    const view = await openModal();
    const res = await h.submit(ADMIN, view, fill(view, BBB_URL, 'wrong-secret-0000'));
    expect(res.status).toBe(200);
    const secretBlock = view.blocks.filter((b) => b.type === 'input')[1]!.block_id!;
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors: { [secretBlock]: 'The server rejected the shared secret (checksumError).' } });
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('a bad URL names the URL input', async () => {
    h = await startHarness();
    const view = await openModal();
    const res = await h.submit(ADMIN, view, fill(view, 'bbb.example.edu', GOOD_SECRET));
    const urlBlock = view.blocks.filter((b) => b.type === 'input')[0]!.block_id!;
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors', errors: { [urlBlock]: 'That is not a URL.' } });
  });

  it('a slow server check: ack within 3 s with a "Checking…" view, then the result ephemerally', async () => {
    h = await startHarness();
    const view = await openModal();
    h.app.delays.set('config server', 3500);
    const res = await h.submit(ADMIN, view, fill(view, BBB_URL, 'wrong-secret-0000'));
    expect(res.ms).toBeLessThan(3000);
    const ack = JSON.parse(res.body) as { response_action: string; view: { title: { text: string } } };
    expect(ack.response_action).toBe('update');
    expect(ack.view.title.text).toBe('Checking…');
    const [eph] = await h.api.waitFor(() => h.api.callsTo('chat.postEphemeral').length === 1 && h.api.callsTo('chat.postEphemeral'), 5000, 'the result');
    expect(eph?.body).toMatchObject({ channel: CHANNEL.id, user: ADMIN.id, text: 'The server rejected the shared secret (checksumError).' });
  });

  it('`config` with arguments is plain text for the core, no modal', async () => {
    h = await startHarness();
    const res = await h.command('config set welcome Hello', ADMIN);
    await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1, 3000, 'the answer');
    expect(h.app.invocations.map((i) => i.text)).toEqual(['config set welcome Hello']);
    expect(h.api.callsTo('views.open')).toHaveLength(0);
  });
});
