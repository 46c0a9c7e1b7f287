// Issue 17, through Matrix end to end: BBB ends a class before the bot polled, so the summary in the
// room counts 0; BBB's learning-analytics callback arrives later with the exact attendance. The bot
// edits the summary (an m.replace event pointing at it, with m.new_content) instead of posting a
// follow-up.
import { afterEach, describe, expect, it } from 'vitest';
import { followJoinLink } from '../helpers/join-link.ts';
import { settle } from '../helpers/test-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, SAM, TINA, until } from './harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';

const SUMMARY = /^Algebra \(MATH101\) has ended\./;
const EXACT = /exact attendance has arrived/;
const JOIN_URL = /https?:\/\/\S+\/(?:join\?|j\/)\S+/;
/** BBB archives the events a while after the end; the test moves the dev server's clock past it. */
const ARCHIVING_MS = 60_000;

let real: RealMatrixBot | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

describe('Matrix: the summary corrected by BBB\'s analytics', () => {
  it('sends an m.replace edit of the summary with the exact count, and no follow-up', async () => {
    // Direct BBB links (no one-time links): opening one is not a join the bot sees.
    real = await startRealMatrixBot({ http: true, env: { HTTP_JOIN_LINK_MINUTES: '0' }, devBbb: { analyticsDelayMs: ARCHIVING_MS } });
    const { bot, hs } = real;
    const world = hs.world;
    const room = world.createRoom({
      name: 'Algebra',
      botPowerLevel: 50,
      members: [
        { userId: ADMIN, displayName: 'Ada Admin' },
        { userId: TINA, displayName: 'Tina Teacher' },
        { userId: SAM, displayName: 'Sam Student' },
      ],
    });
    const command = async (sender: string, text: string): Promise<void> => {
      const before = world.sent.length;
      world.sendText(room, sender, text);
      await until(() => world.sent.length > before && world.sent.slice(before).some((s) => s.roomId === room), `an answer to "${text}"`, 5_000);
      await bot.after.idle();
    };
    const dmOf = (userId: string): string => (world.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[userId]?.[0] ?? '';
    const openLink = async (userId: string): Promise<void> => {
      await until(() => bodies(world, dmOf(userId)).some((b) => JOIN_URL.test(b)), `the link of ${userId}`, 5_000);
      const url = bodies(world, dmOf(userId)).map((b) => JOIN_URL.exec(b)?.[0]).filter((u) => u !== undefined).at(-1)!;
      const res = await fetch(await followJoinLink(url));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    };
    await command(ADMIN, '!conference config link MATH101 Algebra');
    await command(ADMIN, '!conference config teacher add @tina:school.edu');
    await command(TINA, '!conference start');
    await openLink(TINA);
    await command(SAM, '!conference join');
    await openLink(SAM);
    const meetingId = bot.conference.meetingIdOf('MATH101', '');
    expect(bot.bbb.control.meeting(meetingId)?.attendees).toHaveLength(2);

    await bot.bbb.control.endMeeting(meetingId); // ended in BBB before any poll
    await bot.after.idle();
    await until(() => world.sentBy(room).some((s) => SUMMARY.test(String(s.content['body']))), 'the summary', 5_000);
    const summary = world.sentBy(room).find((s) => SUMMARY.test(String(s.content['body'])))!;
    const summaryBody = String(summary.content['body']);
    expect(summaryBody).toContain('0 people took part');
    const before = world.sentBy(room).length;

    await bot.bbb.control.advanceTime(ARCHIVING_MS); // BBB archives the events: the analytics callback
    await settle(bot);
    const row = bot.store.meetings.recent('MATH101', '', 1)[0]!;
    expect(bot.store.analytics.attendeeCount(row.id)).toBe(2);
    const sent = world.sentBy(room).slice(before);
    expect(sent).toHaveLength(1); // the edit, no follow-up
    expect(sent.filter((s) => EXACT.test(String(s.content['body'])))).toEqual([]);
    const edit = sent[0]!;
    expect(edit.type).toBe('m.room.message');
    expect(edit.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: summary.eventId });
    const corrected = summaryBody.replace('0 people', '2 people');
    expect(edit.content['m.new_content']).toMatchObject({ msgtype: 'm.notice', body: corrected, format: 'org.matrix.custom.html' });
    expect((edit.content['m.new_content'] as Record<string, unknown>)['m.relates_to']).toBeUndefined();
    // Clients without edits show the fallback: the new text marked with "* ".
    expect(edit.content).toMatchObject({ msgtype: 'm.notice', body: `* ${corrected}` });
    expect(String(edit.content['formatted_body'])).toMatch(/^\* Algebra \(MATH101\) has ended\./);
    expectNoJoinUrlInSharedRooms(world);
    expect(bot.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });
});
