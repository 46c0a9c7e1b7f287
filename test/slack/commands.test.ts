// `/conference start | join | end | …` through the real Bolt receiver to the (fake) core and back.
import { afterEach, describe, expect, it } from 'vitest';
import { STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import { buttons, CHANNEL, type Harness, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

describe('/conference commands', () => {
  it('start: moderator link ephemerally via response_url, announcement with a Join button and no link in the channel', async () => {
    h = await startHarness();
    const res = await h.command('start', TEACHER);
    expect(res.status).toBe(200);

    const [priv] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length >= 1 && h.api.postsTo(res.responseUrl), 3000, 'the ephemeral answer');
    expect(priv?.body['response_type']).toBe('ephemeral');
    const link = buttons(priv!.body).find((b) => typeof b['url'] === 'string');
    expect(String(link?.['url'])).toContain('/bigbluebutton/api/join?');
    expect(String(link?.['url'])).toContain('role=MODERATOR');

    const [post] = await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1 && h.api.callsTo('chat.postMessage'), 3000, 'the announcement');
    expect(post?.body['channel']).toBe(CHANNEL.id);
    expect(post?.body['text']).toContain('MATH101 Algebra has started.');
    const join = buttons(post!.body);
    expect(join).toHaveLength(1);
    expect(join[0]).toMatchObject({ type: 'button', action_id: 'conference_join', value: 'MATH101' });
    expect(join[0]?.['url']).toBeUndefined();
    expect(JSON.stringify(post?.body)).not.toMatch(/api\/join/);

    // The announcement is remembered for the "ended" update.
    // (saved after chat.postMessage answers, so wait for it rather than race the adapter)
    const raw = await h.api.waitFor(() => h.app.stateMap.get(`slack-announcement/${CHANNEL.id}|MATH101`), 3000, 'the saved announcement');
    const saved = JSON.parse(raw) as { channel?: string; ts?: string };
    expect(saved.channel).toBe(CHANNEL.id);
    expect(saved.ts).toMatch(/^\d+\.\d{6}$/);
  });

  it('join: only the student sees the answer (ephemeral), nothing is posted to the channel', async () => {
    h = await startHarness();
    await h.command('start', TEACHER);
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1, 3000, 'the announcement');
    const res = await h.command('join', STUDENT);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length >= 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');
    expect(answer?.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer?.body)).toContain('role=VIEWER');
    expect(answer?.body['text']).toBe('Here is your link, Sam Student.'); // users.info real_name (no display_name)
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('join before start: a Notify me button', async () => {
    h = await startHarness();
    const res = await h.command('join', STUDENT);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length >= 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');
    expect(buttons(answer!.body)).toEqual([expect.objectContaining({ action_id: 'conference_notify', value: 'MATH101' })]);
  });

  it('end: the announcement is updated with chat.update (no Join button) and the ended message is posted', async () => {
    h = await startHarness();
    await h.command('start', TEACHER);
    const [announcement] = await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1 && h.api.callsTo('chat.postMessage'), 3000, 'the announcement');
    const startTs = JSON.parse(await h.api.waitFor(() => h.app.stateMap.get(`slack-announcement/${CHANNEL.id}|MATH101`), 3000, 'the saved announcement')).ts as string;
    expect(startTs).toBeTruthy();

    const res = await h.command('end', TEACHER);
    const [update] = await h.api.waitFor(() => h.api.callsTo('chat.update').length === 1 && h.api.callsTo('chat.update'), 3000, 'chat.update');
    expect(update?.body).toMatchObject({ channel: CHANNEL.id, ts: startTs });
    expect(String(update?.body['text'])).toContain('This class has ended.');
    expect(buttons(update!.body)).toHaveLength(0);
    expect(announcement?.body['channel']).toBe(CHANNEL.id);

    const posts = await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 2 && h.api.callsTo('chat.postMessage'), 3000, 'the ended post');
    expect(posts[1]?.body['text']).toBe('MATH101 Algebra has ended.');
    expect(h.app.stateMap.has(`slack-announcement/${CHANNEL.id}|MATH101`)).toBe(false);
    await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1, 3000, 'the ephemeral answer');
  });

  it('not_in_channel: the user is told how to invite the bot, and nothing crashes', async () => {
    h = await startHarness();
    h.api.setError('chat.postMessage', 'not_in_channel');
    const res = await h.command('start', TEACHER);
    const posts = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 2 && h.api.postsTo(res.responseUrl), 3000, 'two answers');
    const help = posts[1]!.body;
    expect(help['response_type']).toBe('ephemeral');
    expect(String(help['text'])).toContain('/invite @bot'); // auth.test `user` of the sample
    expect(JSON.stringify(help)).toContain('conference_join'); // what the channel would have seen, still clickable
    expect(JSON.stringify(help)).not.toMatch(/api\/join/);

    // The bot keeps working.
    h.api.setError('chat.postMessage', undefined);
    const again = await h.command('notify', STUDENT);
    await h.api.waitFor(() => h.api.postsTo(again.responseUrl).length === 1, 3000, 'the next answer');
  });

  it('a DM is a direct room; a channel is not', async () => {
    h = await startHarness();
    await h.command('config link MATH101 Algebra', TEACHER, { id: 'D0DIRECT1', name: 'directmessage' });
    await h.command('config link MATH101 Algebra', TEACHER, { id: 'G8PSS9T3V', name: 'foobar' });
    await h.api.waitFor(() => h.app.invocations.length === 2, 3000, 'two invocations');
    const byRoom = new Map(h.app.invocations.map((i) => [i.room.id, i.room]));
    expect(byRoom.get('D0DIRECT1')?.isDirect).toBe(true);
    expect(byRoom.get('G8PSS9T3V')).toEqual({ id: 'G8PSS9T3V', name: 'foobar', isDirect: false });
  });

  it('config server typed in a channel reaches the core, which refuses it; the secret is never posted', async () => {
    h = await startHarness();
    const res = await h.command('config server https://bbb.example.edu/bigbluebutton/ typed-secret-123', { id: 'UADMIN', name: 'ada' });
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the refusal');
    expect(h.app.invocations[0]?.room.isDirect).toBe(false);
    expect(answer?.body['response_type']).toBe('ephemeral');
    expect(String(answer?.body['text'])).toContain('/conference config');
    expect(JSON.stringify(h.api.calls)).not.toContain('typed-secret-123');
  });

  it('unescapes Slack text: URLs lose their <…>, mentions stay for the core, lookupUser resolves them', async () => {
    h = await startHarness();
    // What Slack sends with should_escape: true for `config teacher add @tina` and a pasted URL.
    await h.command('config teacher add <@UTEACHER|tina> &amp; <https://example.edu/a?b=1&amp;c=2|example.edu/a>', { id: 'UADMIN', name: 'ada' });
    await h.api.waitFor(() => h.app.invocations.length === 1, 3000, 'the invocation');
    const inv = h.app.invocations[0]!;
    expect(inv.text).toBe('config teacher add <@UTEACHER|tina> & https://example.edu/a?b=1&c=2');
    expect(await inv.lookupUser?.('UTEACHER')).toEqual({ id: 'UTEACHER', displayName: 'Tina' });
    expect(await inv.lookupUser?.('UNOBODY99')).toBeNull();
  });

  it('workspace admins count as platform admins only with SLACK_ADMINS_FROM_WORKSPACE=true', async () => {
    h = await startHarness({ env: { SLACK_ADMINS_FROM_WORKSPACE: 'true' } });
    h.api.addUser({ id: 'UOWNER', name: 'olga', isOwner: true });
    await h.command('join', { id: 'UOWNER', name: 'olga' });
    await h.command('join', STUDENT);
    await h.api.waitFor(() => h.app.invocations.length === 2, 3000, 'two invocations');
    expect(h.app.invocations[0]?.user).toEqual({ id: 'UOWNER', displayName: 'olga', isPlatformAdmin: true, locale: 'en-US', timeZone: 'America/Los_Angeles' });
    expect(h.app.invocations[1]?.user.isPlatformAdmin).toBeUndefined();
    await h.close();

    h = await startHarness();
    h.api.addUser({ id: 'UOWNER', name: 'olga', isOwner: true });
    await h.command('join', { id: 'UOWNER', name: 'olga' });
    await h.api.waitFor(() => h.app.invocations.length === 1, 3000, 'the invocation');
    expect(h.app.invocations[0]?.user.isPlatformAdmin).toBeUndefined();
  });

  it('caches users.info', async () => {
    h = await startHarness();
    for (let i = 0; i < 3; i++) await h.command('notify', STUDENT);
    await h.api.waitFor(() => h.app.invocations.length === 3, 3000, 'three invocations');
    expect(h.api.callsTo('users.info').filter((c) => c.body['user'] === STUDENT.id)).toHaveLength(1);
  });

  it('a CSV file goes to the user\'s DM as a real file (details in files.test.ts)', async () => {
    h = await startHarness();
    const res = await h.command('attendance', TEACHER);
    const [answer] = await h.api.waitFor(() => h.api.postsTo(res.responseUrl).length === 1 && h.api.postsTo(res.responseUrl), 3000, 'the answer');
    expect(answer?.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer?.body['blocks'])).toContain('I sent you the file in a direct message');
    expect(h.api.completedUploads.map((u) => u.channelId)).toEqual(['D069C7QFK']);
  });
});
