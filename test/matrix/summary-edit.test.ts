// Issue 17, through Matrix end to end: BBB ends a class before the bot polled, so the summary in the
// room counts 0; BBB's learning-analytics callback arrives later with the exact attendance. The bot
// edits the summary (an m.replace event pointing at it, with m.new_content) instead of posting a
// follow-up, and follows up once when the homeserver refuses the edit.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixWorld, SentEvent } from '../fakes/matrix-world.ts';
import { followJoinLink } from '../helpers/join-link.ts';
import { settle, type TestBot } from '../helpers/test-bot.ts';
import { ADMIN, bodies, expectNoJoinUrlInSharedRooms, SAM, TINA, until } from './harness.ts';
import { startRealMatrixBot, type RealMatrixBot } from './real-bot.ts';

const SUMMARY = /^Algebra \(MATH101\) has ended\./;
const EXACT = /exact attendance has arrived/;
const JOIN_URL = /https?:\/\/\S+\/(?:join\?|j\/)\S+/;
/** BBB archives the events a while after the end; the tests move the dev server's clock past it. */
const ARCHIVING_MS = 60_000;

let real: RealMatrixBot | undefined;
afterEach(async () => {
  if (real) expectNoJoinUrlInSharedRooms(real.hs.world);
  await real?.close();
  real = undefined;
});

interface Ended {
  bot: TestBot;
  world: MatrixWorld;
  room: string;
  /** The summary event in the room (it says 0 people). */
  summary: SentEvent;
}

/** MATH101 in a room; tina starts, sam joins, both go in; then `end` ends it: BBB (default) or tina typing `end` after sam left unseen. */
async function endedUnseen(endBy: 'bbb' | 'typed' = 'bbb'): Promise<Ended> {
  // Direct BBB links (no one-time links): opening one is not a join the bot sees.
  real = await startRealMatrixBot({ http: true, env: { HTTP_JOIN_LINK_MINUTES: '0' }, devBbb: { analyticsDelayMs: ARCHIVING_MS } });
  const { bot, hs } = real;
  const world = hs.world;
  const members = [
    { userId: ADMIN, displayName: 'Ada Admin' },
    { userId: TINA, displayName: 'Tina Teacher' },
    { userId: SAM, displayName: 'Sam Student' },
  ];
  const room = world.createRoom({ name: 'Algebra', botPowerLevel: 50, members });
  const command = async (sender: string, text: string): Promise<void> => {
    const before = world.sentBy(room).length;
    world.sendText(room, sender, text);
    await until(() => world.sentBy(room).length > before, `an answer to "${text}"`, 5_000);
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
  const meetingId = bot.conference.meetingIdOf(courseScope('MATH101', ''));
  expect(bot.bbb.control.meeting(meetingId)?.attendees).toHaveLength(2);

  if (endBy === 'typed') {
    const sam = bot.bbb.control.meeting(meetingId)!.attendees.find((a) => a.role === 'VIEWER')!;
    bot.bbb.control.removeAttendee(meetingId, sam.userId); // left before any poll: the bot never saw sam
    await command(TINA, '!conference end');
  } else {
    await bot.bbb.control.endMeeting(meetingId);
  }
  await bot.after.idle(); // (the dev server's analytics callback waits for its clock: not settle())
  const isSummary = (s: SentEvent): boolean => SUMMARY.test(String(s.content['body']));
  await until(() => world.sentBy(room).some(isSummary), 'the summary', 5_000);
  const summary = world.sentBy(room).find(isSummary)!;
  expect(String(summary.content['body'])).toContain(endBy === 'typed' ? '1 person took part. Ended by Tina Teacher.' : '0 people took part');
  return { bot, world, room, summary };
}

/** BBB archives the meeting's events: the analytics callback reaches the bot. Returns what the room got then. */
async function archived(e: Ended): Promise<SentEvent[]> {
  const before = e.world.sentBy(e.room).length;
  await e.bot.bbb.control.advanceTime(ARCHIVING_MS);
  await settle(e.bot);
  expect(e.bot.store.analytics.attendeeCount(e.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.id)).toBe(2);
  return e.world.sentBy(e.room).slice(before);
}

describe('Matrix: the summary corrected by BBB\'s analytics', () => {
  it('`end` typed in the room: its summary (the command\'s answer) gets the m.replace edit too, no follow-up', async () => {
    const e = await endedUnseen('typed');
    expect((e.summary.content['m.relates_to'] as Record<string, unknown>)['m.in_reply_to']).toBeDefined(); // the command's own answer
    const sent = await archived(e);
    expect(sent).toHaveLength(1); // the edit, no follow-up
    expect(sent[0]!.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: e.summary.eventId });
    const corrected = (sent[0]!.content['m.new_content'] as Record<string, unknown>)['body'];
    expect(corrected).toMatch(SUMMARY);
    expect(corrected).toBe(String(e.summary.content['body']).replace('1 person took part', '2 people took part')); // still "Ended by Tina Teacher."

    expect(e.bot.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it('sends an m.replace edit of the summary with the exact count, and no follow-up', async () => {
    const e = await endedUnseen();
    const sent = await archived(e);
    expect(sent).toHaveLength(1); // the edit, no follow-up
    const edit = sent[0]!;
    expect(edit.type).toBe('m.room.message');
    expect(edit.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: e.summary.eventId });
    const corrected = String(e.summary.content['body']).replace('0 people', '2 people');
    expect(edit.content['m.new_content']).toMatchObject({ msgtype: 'm.notice', body: corrected, format: 'org.matrix.custom.html' });
    expect((edit.content['m.new_content'] as Record<string, unknown>)['m.relates_to']).toBeUndefined();
    // Clients without edits show the fallback: the new text marked with "* ".
    expect(edit.content).toMatchObject({ msgtype: 'm.notice', body: `* ${corrected}` });
    expect(String(edit.content['formatted_body'])).toMatch(/^\* Algebra \(MATH101\) has ended\./);
    expect(e.bot.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it('when the homeserver refuses the edit (the summary was purged), one follow-up with the exact count', async () => {
    const e = await endedUnseen();
    const timeline = e.world.room(e.room)!.timeline;
    timeline.splice(timeline.findIndex((ev) => ev.event_id === e.summary.eventId), 1);
    const sent = await archived(e);
    expect(sent.map((s) => String(s.content['body']))).toEqual([expect.stringMatching(EXACT)]);
    expect(String(sent[0]!.content['body'])).toContain('2 people took part (the summary above counted 0)');
    expect(sent[0]!.content['m.relates_to']).toBeUndefined();
    expect(e.bot.log.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([expect.stringContaining('could not edit the summary')]);
  });
});
