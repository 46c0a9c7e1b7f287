// The classroom flow through the console adapter, against the real core, SQLite and the BBB dev server.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { consoleDriver, roleOf, type Driver } from '../helpers/console-driver.ts';

let bot: TestBot;
let d: Driver;

beforeEach(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
  await d.run(
    'admin general /conference config link MATH101 Algebra I',
    'admin general /conference config teacher add @tina',
    'admin general /conference config teacher add @carl --coach',
  );
});
afterEach(async () => {
  // Global invariants of every scenario: no join link in a room reply, no secret anywhere.
  for (const line of d.all) {
    if (line.audience === 'room') expect(line.links).toEqual([]);
    expect(JSON.stringify(line)).not.toContain(bot.bbb.secret);
    if (line.audience === 'room') expect(line.text).not.toMatch(/\/join\?/);
  }
  expect(bot.log.lines.join('\n')).not.toContain(bot.bbb.secret);
  await bot.close();
});

describe('start, join, status, end', () => {
  it('refuses a student before the start, gives a VIEWER link after it, and says when it ended', async () => {
    const [early] = await d.run('sam general /conference join');
    expect(early).toMatchObject({ audience: 'user', user: 'sam', links: [] });
    expect(early!.text).toContain('has not started yet');
    expect(early!.text).toContain('tina'); // who can start it

    const started = await d.run('tina general /conference start');
    expect(started).toHaveLength(2);
    const [priv, announce] = started;
    expect(priv).toMatchObject({ audience: 'user', user: 'tina' });
    expect(priv!.links).toHaveLength(1);
    expect(roleOf(priv!.links[0]!)).toBe('MODERATOR');
    expect(announce).toMatchObject({ audience: 'room', room: 'general', links: [] });
    expect(announce!.text).toContain('tina started the class Algebra I (MATH101)');

    const [joined] = await d.run('sam general /conference join');
    expect(joined).toMatchObject({ audience: 'user', user: 'sam' });
    expect(roleOf(joined!.links[0]!)).toBe('VIEWER');

    // The link works: the dev server lets sam in as a viewer.
    const page = await fetch(joined!.links[0]!);
    expect(await page.text()).toContain('sam joined Algebra I as VIEWER');
    bot.conference.forget(bot.conference.meetingIdOf(courseScope('MATH101', ''))); // status shares a state up to 2 s old
    const [status] = await d.run('sam general /conference status');
    expect(status!.text).toMatch(/running for \d+ min, 1 participant \(0 moderators\), not recorded/);
    expect(status!.text).not.toContain('In the meeting'); // names are for teachers
    const [tstatus] = await d.run('tina general /conference status');
    expect(tstatus!.text).toContain('In the meeting: sam');

    const ended = await d.run('tina general /conference end');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ audience: 'room', links: [] });
    expect(ended[0]!.text).toMatch(/^Algebra I \(MATH101\) has ended\. Started .*; 1 person took part\. Ended by tina\.$/);
    await bot.bbb.control.idle();
    await new Promise((r) => setTimeout(r, 80)); // dev server purges ended meetings after 50 ms
    const [after] = await d.run('sam general /conference status');
    expect(after!.text).toContain('not started');
  });

  it('gives teachers and coaches MODERATOR links on join, never students', async () => {
    await d.run('carl general /conference start');
    const lines = await d.run('tina general /conference join', 'carl general /conference join', 'sam general /conference join', 'admin general /conference join');
    expect(lines.map((l) => [l.user, roleOf(l.links[0]!)])).toEqual([
      ['tina', 'MODERATOR'],
      ['carl', 'MODERATOR'],
      ['sam', 'VIEWER'],
      ['admin', 'MODERATOR'],
    ]);
  });

  it('refuses start and end to students, and says who can', async () => {
    for (const cmd of ['start', 'end']) {
      const [r] = await d.run(`sam general /conference ${cmd}`);
      expect(r!.text).toBe('Only the teachers and coaches of Algebra I (MATH101) can do that (tina, carl). Ask one of them, or an admin.');
      expect(r!.links).toEqual([]);
    }
    expect(bot.bbb.control.callCounts().create ?? 0).toBe(0);
  });

  it('start costs one BBB call (create): the moderator link is built from its answer', async () => {
    bot.bbb.control.resetCallCounts();
    await d.run('tina general /conference start');
    expect(bot.bbb.control.callCounts()).toEqual({ create: 1 });
  });

  it('a second start reuses the meeting and only answers privately', async () => {
    await d.run('tina general /conference start');
    const again = await d.run('carl general /conference start');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ audience: 'user', user: 'carl' });
    expect(again[0]!.text).toContain('already running');
    expect(roleOf(again[0]!.links[0]!)).toBe('MODERATOR');
  });

  it('can start again after an end: a new session whose old links no longer work', async () => {
    const [first] = await d.run('tina general /conference start');
    await d.run('tina general /conference end');
    await new Promise((r) => setTimeout(r, 80));
    const [second] = await d.run('tina general /conference start');
    const ct = (u: string) => new URL(u).searchParams.get('createTime');
    expect(ct(second!.links[0]!)).not.toBe(ct(first!.links[0]!));
    const old = await fetch(first!.links[0]!);
    expect(await old.text()).toContain('mismatchCreateTimeParam');
  });

  it('refuses a link when the class is full, before any link is made', async () => {
    await d.run('admin general /conference config set max-participants 2');
    await d.run('tina general /conference start');
    const info = bot.bbb.control;
    const id = bot.conference.meetingIdOf(courseScope('MATH101', ''));
    info.addAttendee(id, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    info.addAttendee(id, { userId: 'console:amy', fullName: 'amy', role: 'VIEWER' });
    bot.conference.forget(id); // the meeting state is cached for 2 s; BBB itself also refuses a full meeting
    const [full] = await d.run('sam general /conference join');
    expect(full!.text).toBe('Algebra I (MATH101) is full (2 of 2). Try again when someone leaves.');
    expect(full!.links).toEqual([]);
    // Someone already inside gets their link again (same userID takes no new seat).
    const [amy] = await d.run('amy general /conference join');
    expect(roleOf(amy!.links[0]!)).toBe('VIEWER');
  });

  it('with join-policy moderator-present, students wait until a moderator is inside', async () => {
    await d.run('admin general /conference config set join-policy moderator-present');
    const [start] = await d.run('tina general /conference start');
    const [waiting] = await d.run('sam general /conference join');
    expect(waiting!.text).toContain('no teacher or coach is in it yet');
    await fetch(start!.links[0]!); // tina opens her link: she is in
    bot.conference.forget(bot.conference.meetingIdOf(courseScope('MATH101', '')));
    const [ok] = await d.run('sam general /conference join');
    expect(roleOf(ok!.links[0]!)).toBe('VIEWER');
  });

  it('groups have their own meeting', async () => {
    await d.run('admin g1 /conference config link MATH101 --group g1');
    const [a] = await d.run('tina general /conference start');
    const [b] = await d.run('tina g1 /conference start');
    const mid = (u: string) => new URL(u).searchParams.get('meetingID');
    expect(mid(a!.links[0]!)).not.toBe(mid(b!.links[0]!));
    const [status] = await d.run('sam g1 /conference status');
    expect(status!.text).toContain('Algebra I (MATH101, group g1)');
  });

  it('answers in an unlinked room with what to do', async () => {
    const lines = await d.run('bob random /conference join', 'bob random /conference start', 'bob random /conference status', 'admin random /conference start');
    expect(lines.map((l) => l.text)).toEqual([
      'This room is not linked to a course. Ask an admin to link it with: config link <COURSE-CODE> [title]',
      'This room is not linked to a course. Ask an admin to link it with: config link <COURSE-CODE> [title]',
      'This room is not linked to a course. Ask an admin to link it with: config link <COURSE-CODE> [title]',
      'This room is not linked to a course yet. Link it with: /conference config link <COURSE-CODE> [title] [--group NAME]',
    ]);
  });

  it('explains an unreachable BBB server without crashing or leaking', async () => {
    bot.bbb.control.injectFault({ kind: 'refuse' });
    const [r] = await d.run('tina general /conference start');
    expect(r!.text).toContain('cannot be reached right now');
    bot.bbb.control.clearFaults();
    const [ok] = await d.run('tina general /conference start');
    expect(roleOf(ok!.links[0]!)).toBe('MODERATOR');
  });
});

describe('help', () => {
  it('lists only what the user may run, generated from the command table', async () => {
    const [student] = await d.run('sam general /conference help');
    expect(student!.text).toContain('/conference join');
    expect(student!.text).not.toContain('/conference start');
    expect(student!.text).not.toContain('config');
    const [teacher] = await d.run('tina general /conference help');
    expect(teacher!.text).toContain('/conference start');
    expect(teacher!.text).not.toContain('config server');
    const [admin] = await d.run('admin general /conference help');
    expect(admin!.text).toContain('/conference config server <url> <secret>');
    const [unknown] = await d.run('sam general /conference frobnicate');
    expect(unknown!.text).toBe('Unknown command "frobnicate". Type /conference help to see what you can do here.');
  });
});
