// The Messenger port: messages that are not answers (notify-me, class ended, recording ready).
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { STUDENT } from '../fakes/slack-fake-app.ts';
import { assertNoJoinUrlInChannelPosts } from '../fakes/slack-web-api.ts';
import { buttons, CHANNEL, type Harness, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

const started: Reply = { audience: 'room', text: 'MATH101 Algebra has started.', topic: { event: 'meeting-started', meetingKey: 'MATH101' } };
const ended: Reply = { audience: 'room', text: 'MATH101 Algebra has ended.', topic: { event: 'meeting-ended', meetingKey: 'MATH101' } };

describe('Slack messenger', () => {
  it('sendToRoom posts with chat.postMessage; a start gets a Join button, its end updates it', async () => {
    h = await startHarness();
    const m = h.adapter.messenger;
    expect(m.platform).toBe('slack');
    await m.sendToRoom(CHANNEL.id, started);
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post?.body['channel']).toBe(CHANNEL.id);
    expect(buttons(post!.body).map((b) => b['action_id'])).toEqual(['conference_join']);
    const { ts } = JSON.parse(h.app.stateMap.get(`slack-announcement/${CHANNEL.id}|MATH101`)!) as { ts: string };

    await m.sendToRoom(CHANNEL.id, ended);
    const [update] = h.api.callsTo('chat.update');
    expect(update?.body).toMatchObject({ channel: CHANNEL.id, ts });
    expect(buttons(update!.body)).toHaveLength(0);
    expect(String(update?.body['text'])).toContain('This class has ended.');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
    // A second "ended" has no announcement left to update.
    await m.sendToRoom(CHANNEL.id, ended);
    expect(h.api.callsTo('chat.update')).toHaveLength(1);
  });

  it('sendToRoom refuses a join link (and posts nothing)', async () => {
    h = await startHarness();
    const leaky: Reply = { audience: 'room', text: 'Join here', links: [{ url: 'http://127.0.0.1:8090/bigbluebutton/api/join?x=1', label: 'Join', kind: 'join-viewer' }] };
    await expect(h.adapter.messenger.sendToRoom(CHANNEL.id, leaky)).rejects.toThrow(/join link/);
    await expect(h.adapter.messenger.sendToRoom(CHANNEL.id, { ...leaky, audience: 'user' })).rejects.toThrow(/join link/);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('sendToRoom returns the ts; editRoomMessage updates that message (chat.update), never with a join link', async () => {
    h = await startHarness();
    const m = h.adapter.messenger;
    const ts = await m.sendToRoom(CHANNEL.id, ended);
    expect(ts).toMatch(/^\d+\.\d+$/);
    await m.editRoomMessage!(CHANNEL.id, ts!, { ...ended, text: 'MATH101 Algebra has ended; 2 people took part.' });
    const [update] = h.api.callsTo('chat.update');
    expect(update?.body).toMatchObject({ channel: CHANNEL.id, ts, text: 'MATH101 Algebra has ended; 2 people took part.' });
    const leaky: Reply = { audience: 'room', text: 'Join here', links: [{ url: 'http://127.0.0.1:8090/bigbluebutton/api/join?x=1', label: 'Join', kind: 'join-viewer' }] };
    await expect(m.editRoomMessage!(CHANNEL.id, ts!, leaky)).rejects.toThrow(/join link/);
    h.api.setError('chat.update', 'message_not_found');
    await expect(m.editRoomMessage!(CHANNEL.id, ts!, ended)).rejects.toThrow(/message_not_found/);
    expect(h.api.callsTo('chat.update')).toHaveLength(2); // the leaky edit never reached Slack
  });

  it('sendToRoom keeps recording links, as buttons', async () => {
    h = await startHarness();
    await h.adapter.messenger.sendToRoom(CHANNEL.id, {
      audience: 'room',
      text: 'The recording of MATH101 is ready.',
      links: [{ url: 'https://bbb.example.edu/playback/presentation/2.3/abc', label: 'Watch', kind: 'recording' }],
      topic: { event: 'recording-ready', meetingKey: 'MATH101' },
    });
    const [post] = h.api.callsTo('chat.postMessage');
    expect(buttons(post!.body)).toEqual([expect.objectContaining({ url: 'https://bbb.example.edu/playback/presentation/2.3/abc', action_id: 'conference_link_0' })]);
  });

  it('sendToRoom does not throw when the bot was removed from the channel', async () => {
    h = await startHarness();
    h.api.setError('chat.postMessage', 'not_in_channel');
    await expect(h.adapter.messenger.sendToRoom(CHANNEL.id, started)).resolves.toBeUndefined();
    expect(h.log.lines.some((l) => l.includes('not_in_channel'))).toBe(true);
  });

  it('sendToUser: always a DM (conversations.open + chat.postMessage), never an ephemeral that could be missed', async () => {
    h = await startHarness();
    await h.adapter.messenger.sendToUser(STUDENT.id, { audience: 'user', text: 'Your recording is ready.' });
    await h.adapter.messenger.sendToUser(STUDENT.id, { audience: 'user', text: 'MATH101 has started.', actions: [{ id: 'join', label: 'Join' }] }, { roomId: CHANNEL.id });
    expect(h.api.callsTo('chat.postEphemeral')).toEqual([]);
    expect(h.api.callsTo('conversations.open').map((c) => c.body['users'])).toEqual([STUDENT.id, STUDENT.id]);
    const posts = h.api.callsTo('chat.postMessage');
    expect(posts.map((c) => [c.body['channel'], c.body['text']])).toEqual([
      ['D069C7QFK', 'Your recording is ready.'],
      ['D069C7QFK', 'MATH101 has started.'],
    ]);
    expect(buttons(posts[1]!.body).map((b) => b['action_id'])).toEqual(['conference_join']);
  });

  it('escapes mrkdwn control characters in plain text', async () => {
    h = await startHarness();
    await h.adapter.messenger.sendToRoom(CHANNEL.id, { audience: 'room', text: 'Q&A <today> <!channel>' });
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post?.body['text']).toBe('Q&amp;A &lt;today&gt; &lt;!channel&gt;');
  });

  it('the global check (run when every harness closes) catches a join link in a channel post', async () => {
    h = await startHarness();
    await fetch(`${h.api.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel: CHANNEL.id, text: 'http://127.0.0.1:8090/bigbluebutton/api/join?role=VIEWER' }).toString(),
    });
    expect(() => assertNoJoinUrlInChannelPosts(h.api)).toThrow(/join link posted with chat.postMessage/);
    h.api.calls.length = 0;
  });
});
