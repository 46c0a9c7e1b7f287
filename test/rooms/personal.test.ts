// Personal rooms (issue 12) through the console: who may open one, that course teachers get no
// rights in it, the invitation (naming the owner, never a link), co-moderators, notify-me, a DM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDriver, roleOf, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { personalScope } from '../../src/core/scope.ts';

let bot: TestBot;
let d: Driver;

beforeEach(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
  await d.run(
    'admin general /conference config link MATH101 Algebra',
    'admin general /conference config teacher add @tina',
    'admin general /conference config teacher add @tom',
  );
});
afterEach(async () => {
  for (const l of d.all) if (l.audience === 'room') expect(l.links).toEqual([]);
  await bot.close();
});

const text = async (line: string): Promise<string> => (await d.run(line)).map((l) => l.text).join('\n');
const linkRole = async (line: string): Promise<string | null> => {
  const out = await d.run(line);
  const url = out.flatMap((l) => l.links)[0];
  return url ? roleOf(url) : null;
};

describe('personal rooms', () => {
  it('are off until an admin turns them on, then for teachers and coaches or for everyone', async () => {
    expect(await text('tina general /conference room start')).toBe('Personal rooms are off. Ask an admin to turn them on.');
    expect(await text('admin general /conference room start')).toContain('Turn them on with /conference config set personal-rooms everyone');
    expect(await text('tina general /conference help')).not.toContain('room start');
    expect(await text('admin random /conference config set personal-rooms teachers')).toContain('Teachers and coaches can now open a personal room');
    expect(await text('sam general /conference room start')).toBe('Here only teachers and coaches have a personal room. Ask an admin if you need one.');
    expect(await text('sam general /conference help')).not.toContain('room start');
    expect(await text('sam general /conference help')).toContain('room join <owner>');
    expect(await text('tina random /conference help')).toContain('room start');
    expect(await linkRole('tina random /conference room start')).toBe('MODERATOR');
    await d.run('admin x /conference config set personal-rooms everyone');
    expect(await linkRole('sam random /conference room start')).toBe('MODERATOR');
    expect(await text('admin x /conference config set personal-rooms sometimes')).toContain('personal-rooms');
  });

  it('starts with a private moderator link and an invitation naming the owner in the room, never a link', async () => {
    await d.run('admin x /conference config set personal-rooms teachers');
    const out = await d.run('tina general /conference room start');
    const mine = out.filter((l) => l.audience === 'user');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toContain('others join with /conference room join @tina');
    expect(roleOf(mine[0]!.links[0]!)).toBe('MODERATOR');
    const invitation = out.filter((l) => l.audience === 'room');
    expect(invitation).toEqual([
      { room: 'general', audience: 'room', user: 'tina', links: [], text: 'tina invites you to their personal room. Type /conference room join @tina to get your personal link.' },
    ]);
    expect(bot.store.meetings.open(personalScope('console', 'tina'))?.scope).toEqual({ kind: 'personal', owner: { platform: 'console', userId: 'tina' } });
    expect(bot.store.meetings.open({ kind: 'course', courseCode: 'MATH101', group: '' })).toBeUndefined();
  });

  it("is the owner's: others join as VIEWER (course teachers too), only the owner ends it or sees its status", async () => {
    await d.run('admin x /conference config set personal-rooms teachers', 'tina general /conference room start');
    expect(await linkRole('sam general /conference room join @tina')).toBe('VIEWER');
    expect(await linkRole('sam unlinked /conference room join @tina')).toBe('VIEWER');
    expect(await linkRole('tom general /conference room join @tina')).toBe('VIEWER'); // teaches MATH101: no rights here
    expect(await linkRole('admin general /conference room join @tina')).toBe('VIEWER');
    expect(await linkRole('tina elsewhere /conference room join @tina')).toBe('MODERATOR');
    // `room end` and `room status` are about one's own room: tom's is not open, tina's keeps running.
    expect(await text('tom general /conference room end')).toContain("tom's personal room");
    expect((await bot.conference.state(personalScope('console', 'tina'), { fresh: true })).status).toBe('open');
    expect(await text('sam general /conference room end')).toBe('Here only teachers and coaches have a personal room. Ask an admin if you need one.');
    expect(await text('tina general /conference room status')).toContain("tina's personal room");
    const ended = await d.run('tina general /conference room end');
    expect(ended.every((l) => l.audience === 'user')).toBe(true); // nothing posted in the room
    expect((await bot.conference.state(personalScope('console', 'tina'), { fresh: true })).status).not.toBe('open');
  });

  it('the owner makes a co-moderator for the session', async () => {
    await d.run('admin x /conference config set personal-rooms teachers');
    expect(await text('tina general /conference room moderator add @sam')).toBe('Your personal room is not open. Start it first with /conference room start.');
    await d.run('tina general /conference room start');
    expect(await linkRole('sam general /conference room join @tina')).toBe('VIEWER');
    expect(await text('tina general /conference room moderator add @sam')).toContain('sam moderates your personal room for this session');
    expect(await linkRole('sam general /conference room join @tina')).toBe('MODERATOR');
    expect(await linkRole('amy general /conference room join @tina')).toBe('VIEWER');
    // The next session starts without co-moderators.
    await d.run('tina general /conference room end', 'tina general /conference room start');
    expect(await linkRole('sam general /conference room join @tina')).toBe('VIEWER');
  });

  it('notify-me: asked before it opens, told privately with a VIEWER link when it does', async () => {
    await d.run('admin x /conference config set personal-rooms everyone');
    const [refused] = await d.run('sam random /conference room join @tina');
    expect(refused!.text).toBe("tina's personal room has not started yet. Want to be told when it starts? Type /conference room notify @tina.");
    expect(refused!.links).toEqual([]);
    expect(await text('sam random /conference room notify @tina')).toContain('I will tell you privately');
    expect(bot.store.waitList.list(personalScope('console', 'tina')).map((w) => w.userId)).toEqual(['sam']);
    await d.run('tina general /conference room start');
    await bot.after.idle();
    const told = d.all.filter((l) => l.user === 'sam' && /has started/.test(l.text));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ audience: 'user', room: 'random' });
    expect(roleOf(told[0]!.links[0]!)).toBe('VIEWER');
    expect(bot.store.waitList.list(personalScope('console', 'tina'))).toEqual([]);
  });

  it('started in a DM: the link, no invitation', async () => {
    await d.run('admin x /conference config set personal-rooms everyone');
    const replies = await bot.app.handle({ platform: 'console', user: { id: 'sam', displayName: 'sam' }, room: { id: 'dm-sam', isDirect: true }, text: 'room start' });
    expect(replies.map((r) => r.audience)).toEqual(['user']);
    expect(roleOf(replies[0]!.links![0]!.url)).toBe('MODERATOR');
  });
});
