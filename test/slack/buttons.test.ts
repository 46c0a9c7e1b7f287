// The Join and Notify me buttons: the clicking user runs the command and is answered alone.
import { afterEach, describe, expect, it } from 'vitest';
import { STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import { ephemeralBlockActionPayload } from '../fakes/slack-requests.ts';
import { buttons, CHANNEL, type Harness, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

const onAnnouncement = (actionId: string, value: string) => ({
  user_id: STUDENT.id,
  user_name: STUDENT.name,
  channel_id: CHANNEL.id,
  channel_name: CHANNEL.name,
  action_id: actionId,
  value,
});

describe('buttons', () => {
  it('Join: handle is called for the clicking user with text "join"; the link comes ephemerally, replace_original false', async () => {
    h = await startHarness();
    await h.command('start', TEACHER);
    const [announcement] = await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1 && h.api.callsTo('chat.postMessage'), 3000, 'announcement');
    const join = buttons(announcement!.body).find((b) => b['action_id'] === 'conference_join')!;

    const res = await h.click(onAnnouncement(String(join['action_id']), String(join['value'])));
    expect(res.status).toBe(200);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');

    const inv = h.app.invocations.at(-1)!;
    expect(inv).toMatchObject({ platform: 'slack', text: 'join', source: 'button', user: { id: STUDENT.id, displayName: 'Sam Student' }, room: { id: CHANNEL.id, isDirect: false } });
    expect(answer?.body['response_type']).toBe('ephemeral');
    expect(answer?.replaceOriginal).toBe(false);
    const link = buttons(answer!.body).find((b) => typeof b['url'] === 'string');
    expect(String(link?.['url'])).toContain(`fullName=${STUDENT.id}`);
    expect(String(link?.['url'])).toContain('role=VIEWER');
    // Nothing new in the channel, no edit of the announcement.
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.api.callsTo('chat.update')).toHaveLength(0);
  });

  it('Notify me on an ephemeral message runs "notify" for the clicker', async () => {
    h = await startHarness();
    const res = await h.click(onAnnouncement('conference_notify', 'MATH101'), ephemeralBlockActionPayload);
    expect(res.status).toBe(200);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');
    expect(h.app.invocations[0]).toMatchObject({ text: 'notify', source: 'button', user: { id: STUDENT.id } });
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', text: 'I will tell you when MATH101 starts.' });
    expect(answer?.replaceOriginal).toBe(false);
  });

  it('URL buttons are acknowledged without calling the core', async () => {
    h = await startHarness();
    const res = await h.click(onAnnouncement('conference_link_0', ''));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.app.invocations).toHaveLength(0);
    expect(h.api.responsePosts).toHaveLength(0);
  });

  it('a failing core is reported with a reference, not a stack trace', async () => {
    h = await startHarness();
    h.app.script.set('join', () => {
      throw new Error('database is locked');
    });
    const res = await h.click(onAnnouncement('conference_join', 'MATH101'));
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');
    expect(String(answer?.body['text'])).toMatch(/Something went wrong \(ref [0-9a-f]{4}\)/);
    expect(String(answer?.body['text'])).not.toContain('database is locked');
    expect(h.log.lines.some((l) => l.includes('database is locked'))).toBe(true);
  });
});
