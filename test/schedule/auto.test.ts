// Automatic start and end (console, real core and SQLite, BBB dev server): at the slot's time the
// bot creates one meeting with the course's settings and the slot's duration, announces it in the
// room (no link there), and sends each teacher and coach, never a student, their moderator link
// privately; a student who asked is told; auto-end ends only a class running 15 minutes past its slot.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, checkInvariants, settle, type Classroom } from '../after/setup.ts';
import { linkRole } from '../helpers/join-link.ts';
import { addSlot, MIN, tickAt } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  await c?.bot.close();
  c = undefined;
});

const STARTED = /^Algebra \(MATH101\) has started, as scheduled \(09:00–10:30, Europe\/Madrid\)\. Type \/conference join/;

async function autoClass(): Promise<Classroom> {
  const cl = await classroom();
  await cl.d.run(
    'admin general /conference config set timezone Europe/Madrid',
    'admin general /conference config set auto-start on',
    'admin general /conference config teacher add @carl --coach',
    'admin general /conference config set reminder off',
  );
  addSlot(cl, { days: [1], minutes: 90 });
  return cl;
}

describe('auto-start', () => {
  it('creates exactly one meeting at the slot time, announces it, DMs each teacher and coach their moderator link', async () => {
    c = await autoClass();
    await c.d.run('sam general /conference notify');
    expect(await tickAt(c, '2026-10-26T07:59Z')).toEqual([]);
    expect(c.bot.bbb.control.meeting(c.meetingId)).toBeUndefined();
    const lines = await tickAt(c, '2026-10-26T08:00Z');
    await settle(c.bot);
    const room = lines.filter((l) => l.audience === 'room');
    expect(room.map((l) => l.text)).toEqual([expect.stringMatching(STARTED)]);
    const dms = lines.filter((l) => l.audience === 'user' && l.links.length > 0);
    const byUser = Object.fromEntries(dms.map((l) => [l.user, l.links.map((u) => linkRole(c!.bot, u))]));
    expect(byUser).toEqual({ tina: ['MODERATOR'], carl: ['MODERATOR'], sam: ['VIEWER'] }); // sam asked to be told (notify)
    expect(dms.find((l) => l.user === 'tina')!.text).toBe('Algebra (MATH101) started as scheduled. Your moderator link (only for you, do not share it):');
    const state = await c.bot.conference.state(courseScope('MATH101'), { fresh: true });
    expect(state.status === 'open' && state.info.duration).toBe(90 + 15); // BBB's duration: the slot and the auto-end grace
    expect(c.bot.store.meetings.open(courseScope('MATH101'))?.startedBy).toBe('schedule');
    // Exactly one: the next ticks (and a restarted tick for the same minute) do nothing.
    expect(await tickAt(c, '2026-10-26T08:00Z')).toEqual([]);
    expect(await tickAt(c, '2026-10-26T08:01Z')).toEqual([]);
    expect(c.bot.store.meetings.allOpen()).toHaveLength(1);
    checkInvariants(c);
  });

  it('a class a teacher started early is left alone; with auto-start off nothing starts', async () => {
    c = await autoClass();
    await c.d.run('tina general /conference start');
    const before = c.d.all.length;
    expect(await tickAt(c, '2026-10-26T08:00Z')).toEqual([]);
    expect(c.d.all.length).toBe(before);
    await c.d.run('tina general /conference end', 'admin general /conference config set auto-start off');
    await settle(c.bot);
    expect(await tickAt(c, '2026-11-02T08:00Z')).toEqual([]);
    expect(c.bot.store.meetings.allOpen()).toHaveLength(0);
  });

  it('BBB failing at the start: tried again the next minute; given up (logged) once 5 minutes late', async () => {
    c = await autoClass();
    c.bot.bbb.control.injectFault({ kind: 'http500', calls: ['create'], times: 1 });
    expect(await tickAt(c, '2026-10-26T08:00Z')).toEqual([]);
    expect(c.bot.log.lines.filter((l) => /schedule: start failed/.test(l))).toHaveLength(1);
    const retried = await tickAt(c, '2026-10-26T08:01Z');
    expect(retried.filter((l) => l.audience === 'room').map((l) => l.text)).toEqual([expect.stringMatching(STARTED)]);
    expect(c.bot.store.meetings.allOpen()).toHaveLength(1);

    await c.d.run('tina general /conference end');
    await settle(c.bot);
    c.bot.bbb.control.injectFault({ kind: 'http500', calls: ['create'] });
    for (const minute of ['00', '01', '02', '03', '04', '05', '06']) await tickAt(c, `2026-11-02T08:${minute}Z`);
    c.bot.bbb.control.clearFaults();
    expect(await tickAt(c, '2026-11-02T08:07Z')).toEqual([]);
    expect(c.bot.log.lines.filter((l) => /schedule: start skipped, 6 min late/.test(l))).toHaveLength(1);
    expect(c.bot.store.meetings.allOpen()).toHaveLength(0);
  });

  it('with moderator-present, students are not told before a teacher is inside', async () => {
    c = await autoClass();
    await c.d.run('admin general /conference config set join-policy moderator-present', 'sam general /conference notify');
    const lines = await tickAt(c, '2026-10-26T08:00Z');
    await settle(c.bot);
    expect(lines.filter((l) => l.user === 'sam')).toEqual([]);
    expect((await c.d.run('sam general /conference join'))[0]!.links).toEqual([]);
  });
});

describe('auto-end', () => {
  it('ends a class still running 15 minutes after its slot, only with auto-end on, and never a meeting started after the slot', async () => {
    c = await classroom();
    const start = new Date(Date.now() + 5 * MIN);
    const hhmm = start.toISOString().slice(11, 16);
    const date = start.toISOString().slice(0, 10);
    await c.d.run('admin general /conference config set reminder off', 'tina general /conference start');
    const slotEnd = Date.parse(`${date}T${hhmm}Z`) + 60 * MIN;
    addSlot(c, { date, time: hhmm, minutes: 60 });
    expect(await tickAt(c, slotEnd + 16 * MIN)).toEqual([]); // auto-end off
    expect(c.bot.store.meetings.open(courseScope('MATH101'))).toBeDefined();

    await c.d.run('admin general /conference config set auto-end on');
    expect(await tickAt(c, slotEnd + 15 * MIN - 1000)).toEqual([]);
    const lines = await tickAt(c, slotEnd + 15 * MIN + 1000);
    expect(lines.map((l) => l.text)).toEqual([`Algebra (MATH101) was still running 15 minutes after its scheduled end (${new Date(slotEnd).toISOString().slice(11, 16)}), so I ended it (auto-end is on).`]);
    expect((await c.bot.conference.state(courseScope('MATH101'), { fresh: true })).status).not.toBe('open');

    // A meeting started after that slot (for something else) is not ended by it.
    await settle(c.bot);
    const yesterday = new Date(Date.now() - 86_400_000 + 0).toISOString().slice(0, 10);
    addSlot(c, { date: yesterday, time: '00:00', minutes: 60 });
    await c.d.run('tina general /conference start');
    expect(await tickAt(c, Date.parse(`${yesterday}T01:16Z`))).toEqual([]);
    expect(c.bot.store.meetings.open(courseScope('MATH101'))).toBeDefined();
    checkInvariants(c);
  });
});
