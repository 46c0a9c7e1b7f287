// The global conference (issue 12) through the console: who may start, join and end it from
// which rooms (a linked room, an unlinked one, a DM), where its start is announced (never with a
// link), and its own settings reaching BBB's create.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDriver, roleOf, type Driver } from '../helpers/console-driver.ts';
import { settle, startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { GLOBAL, courseScope } from '../../src/core/scope.ts';

let bot: TestBot;
let d: Driver;

beforeEach(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
});
afterEach(async () => {
  // Rooms never see a join link, whatever happened (a recording's playback links may be there).
  for (const l of d.all) if (l.audience === 'room') expect(l.links.filter((u) => /\/join\?|\/j\//.test(u))).toEqual([]);
  await bot.close();
});

const one = async (line: string) => {
  const out = await d.run(line);
  expect(out.length).toBeGreaterThan(0);
  return out;
};
const text = async (line: string): Promise<string> => (await one(line)).map((l) => l.text).join('\n');
const links = async (line: string): Promise<string[]> => (await one(line)).flatMap((l) => l.links);
const globalMeeting = () => bot.bbb.control.meeting(bot.conference.meetingIdOf(GLOBAL));

describe('the global conference', () => {
  it('is off until an admin turns it on; refusals say why and what to do; help lists it only when usable', async () => {
    expect(await text('admin random /conference global start')).toBe('The global conference is off. Turn it on with /conference config global on.');
    expect(await text('sam random /conference global join')).toBe('The global conference is off. Ask an admin to turn it on.');
    expect(await text('sam random /conference help')).not.toContain('global join');
    expect(await text('admin random /conference config global on')).toContain('The global conference is on.');
    const samHelp = await text('sam random /conference help');
    expect(samHelp).toContain('/conference global join');
    expect(samHelp).not.toContain('global start');
    expect(await text('tina general /conference help')).not.toContain('global start');
    expect(await text('admin random /conference help')).toContain('/conference global start');
  });

  it('admins start it; teachers only once allowed; students never', async () => {
    await d.run('admin x /conference config global on');
    expect(await text('tina general /conference global start')).toBe('Only admins can do that in the global conference. Ask an admin.');
    expect(await text('sam general /conference global start')).toBe('Only admins can do that in the global conference. Ask an admin.');
    await d.run('admin x /conference config global starters teachers');
    expect(await text('sam general /conference global start')).toContain('Only admins, teachers and coaches can do that');
    const started = await one('tina general /conference global start');
    expect(started).toHaveLength(1); // general is not an announce room: only tina's private link
    expect(started[0]).toMatchObject({ audience: 'user', user: 'tina' });
    expect(roleOf(started[0]!.links[0]!)).toBe('MODERATOR');
    expect(globalMeeting()).toBeDefined();
    expect(bot.store.meetings.open(GLOBAL)?.scope).toEqual({ kind: 'global' });
    expect(bot.store.meetings.open(courseScope('MATH101'))).toBeUndefined(); // no course meeting was made
  });

  it('joins from any room or a DM without a course link: VIEWER for students, MODERATOR for starters and admins', async () => {
    await d.run('admin x /conference config global on');
    const before = await one('sam random /conference global join');
    expect(before[0]!.text).toBe('Global conference has not started yet. Want to be told when it starts? Type /conference global notify.');
    expect(before[0]!.links).toEqual([]);
    await d.run('admin lobby /conference global start');
    expect(roleOf((await links('sam random /conference global join'))[0]!)).toBe('VIEWER');
    expect(roleOf((await links('sam general /conference global join'))[0]!)).toBe('VIEWER');
    expect(roleOf((await links('tina general /conference global join'))[0]!)).toBe('VIEWER'); // starters are admins only
    await d.run('admin x /conference config global starters teachers');
    expect(roleOf((await links('tina general /conference global join'))[0]!)).toBe('MODERATOR');
    expect(roleOf((await links('admin random /conference global join'))[0]!)).toBe('MODERATOR');
    const dm = await bot.app.handle({ platform: 'console', user: { id: 'sam', displayName: 'sam' }, room: { id: 'dm-sam', isDirect: true }, text: 'global join' });
    expect(dm).toHaveLength(1);
    expect(dm[0]!.audience).toBe('user');
    expect(roleOf(dm[0]!.links![0]!.url)).toBe('VIEWER');
  });

  it('is announced only in the rooms admins chose, without a link; ends for its starters only, summed up there', async () => {
    await d.run('admin lobby /conference config global on');
    expect(await text('admin lobby /conference config global announce here')).toBe('This room will be told when the global conference starts and ends.');
    await d.run('admin hall /conference config global announce here', 'admin hall /conference config global announce off');
    const out = await one('admin random /conference global start');
    await bot.after.idle();
    expect(out.filter((l) => l.room === 'random' && l.audience === 'room')).toEqual([]); // random is not an announce room
    const posted = d.all.filter((l) => l.audience === 'room' && /started the global conference/.test(l.text));
    expect(posted.map((l) => l.room)).toEqual(['lobby']);
    expect(posted[0]!.text).toBe('admin started the global conference. Type /conference global join to get your personal link.');
    expect(posted[0]!.links).toEqual([]);
    // Started from the announce room itself: the announcement is the command's own room reply, once.
    await d.run('admin x /conference global end');
    const here = await one('admin lobby /conference global start');
    await bot.after.idle();
    expect(here.filter((l) => l.audience === 'room' && l.room === 'lobby')).toHaveLength(1);
    expect(d.all.filter((l) => l.audience === 'room' && /started the global conference/.test(l.text))).toHaveLength(2);

    expect(await text('sam lobby /conference global end')).toBe('Only admins can do that in the global conference. Ask an admin.');
    expect(globalMeeting()?.ended).toBe(false);
    const ended = await one('admin random /conference global end');
    await bot.after.idle();
    expect((await bot.conference.state(GLOBAL, { fresh: true })).status).not.toBe('open');
    expect(ended.some((l) => l.audience === 'user' && /Global conference has ended/.test(l.text))).toBe(true);
    expect(d.all.some((l) => l.room === 'lobby' && l.audience === 'room' && /^Global conference has ended\./.test(l.text))).toBe(true);
    expect(await text('sam lobby /conference global status')).toContain('Global conference');
  });

  it('has its own settings (config global set …), sent to BBB at create, separate from the courses', async () => {
    await d.run('admin x /conference config global on');
    for (const [o, v] of [['record', 'on'], ['max-participants', '7'], ['welcome', 'Hello school'], ['lock-cameras', 'on'], ['duration', '45']]) {
      expect(await text(`admin x /conference config global set ${o} ${v}`)).toContain(o);
    }
    expect(await text('admin x /conference config global set language es')).toContain('language');
    expect(await text('admin x /conference config global set max-participants lots')).toContain('max-participants');
    expect(await text('admin x /conference config show')).toContain(
      'Global conference: on, started by admins, announced in no room; its settings: duration=45, lock-cameras=true, max-participants=7, record=true, welcome=Hello school. Personal rooms: off.',
    );
    await d.run('admin x /conference global start');
    const m = globalMeeting()!;
    expect([m.record, m.welcome, m.classroom.lockSettings.disableCam]).toEqual([true, 'Hello school', true]);
    expect(m.metadata['bbb-chatops-scope']).toBe('*global');
    expect(m.metadata['bbb-chatops-course']).toBeUndefined();
    const info = await bot.conference.api().getMeetingInfo(bot.conference.meetingIdOf(GLOBAL));
    expect([info.maxUsers, info.duration, info.recording || m.record]).toEqual([7, 45, true]);
    // The course keeps its own defaults.
    await d.run('tina general /conference start');
    const course = bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101')))!;
    const courseInfo = await bot.conference.api().getMeetingInfo(bot.conference.meetingIdOf(courseScope('MATH101')));
    expect([course.record, courseInfo.maxUsers, course.classroom.lockSettings.disableCam]).toEqual([false, 0, false]);
  });

  it('has recordings and a report for its starters only', async () => {
    await d.run('admin x /conference config global on', 'admin x /conference global start', 'sam x /conference global join', 'admin x /conference global end');
    expect(await text('sam x /conference global report')).toBe('Only admins can do that in the global conference. Ask an admin.');
    expect(await text('sam x /conference global recordings')).toBe('Only admins can do that in the global conference. Ask an admin.');
    const report = await text('admin x /conference global report');
    expect(report).toContain('Global conference');
    expect(report).toContain('sam');
    expect(await text('admin x /conference global recordings')).toContain('Global conference');
  });

  it('its recording is announced in its announce rooms (callbacks), listed for its starters only', async () => {
    await bot.close();
    bot = await startTestBot({ http: true });
    d = consoleDriver(bot);
    await d.run('admin lobby /conference config global on', 'admin lobby /conference config global announce here', 'admin x /conference config global set record on');
    await d.run('admin x /conference global start');
    const meetingId = bot.conference.meetingIdOf(GLOBAL);
    bot.bbb.control.addAttendee(meetingId, { userId: 'console:admin', fullName: 'admin', role: 'MODERATOR' });
    await d.run('admin x /conference global end');
    await bot.bbb.control.advanceTime(50);
    await settle(bot);
    const ready = d.all.filter((l) => l.audience === 'room' && /^The recording of Global conference from /.test(l.text));
    expect(ready.map((l) => l.room)).toEqual(['lobby']);
    expect(ready[0]!.links.length).toBeGreaterThan(0);
    const recordId = bot.store.meetings.recent(GLOBAL, 1)[0]!.internalMeetingId!;
    expect(await text('admin x /conference global recordings')).toContain(recordId);
    expect(await text('sam lobby /conference global recordings')).toBe('Only admins can do that in the global conference. Ask an admin.');
  });

  it('a course whose code is "global" is a different meeting', async () => {
    await d.run('admin other /conference config link global Assembly', 'admin other /conference config teacher add @tina', 'admin x /conference config global on');
    expect(bot.conference.meetingIdOf(courseScope('global'))).not.toBe(bot.conference.meetingIdOf(GLOBAL));
    await d.run('tina other /conference start');
    expect(await text('sam x /conference global status')).toMatch(/not started|has not/);
  });
});
