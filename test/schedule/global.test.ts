// The global conference's timetable through the console (real core and SQLite, BBB dev server,
// the scheduler's tick(now) called directly): admins set it with `config global schedule …` and
// `config global set …`; the reminder goes once to its announce rooms (no link, `global notify`
// to type); the automatic start creates one global meeting and sends each admin (and, with
// `starters teachers`, each teacher and coach) their moderator link privately, never a student;
// `global schedule [ics]` for everyone while it is on; `global status` and help name the next class.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, checkInvariants, settle, type Classroom } from '../after/setup.ts';
import { linkRole } from '../helpers/join-link.ts';
import { GLOBAL } from '../../src/core/scope.ts';
import { MIN, tickAt } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  await c?.bot.close();
  c = undefined;
});

// Mondays at 09:00 in Madrid: 2027-01-04 is a Monday in winter time (UTC+1), so 08:00Z.
const MONDAY = Date.parse('2027-01-04T08:00Z');

/** MATH101 in #general (tina teaches), the global conference on and announced in #lobby, a Monday class. */
async function globalClass(...settings: string[]): Promise<Classroom> {
  const cl = await classroom();
  await cl.d.run(
    'admin lobby /conference config global on',
    'admin lobby /conference config global announce here',
    'admin lobby /conference config global set timezone europe/madrid',
    ...settings,
    'admin lobby /conference config global schedule add mon 09:00 60m',
  );
  return cl;
}

const text = async (cl: Classroom, line: string): Promise<string> => (await cl.d.run(line)).map((l) => l.text).join('\n');

describe('the global conference’s timetable', () => {
  it('is set by admins only, with the same words as a course’s; its settings are its own', async () => {
    c = await globalClass();
    expect(await text(c, 'admin lobby /conference config global schedule add 2027-02-01 15:00 90m')).toMatch(/^Global conference: added class 2: /);
    expect(await text(c, 'tina general /conference config global schedule add mon 10:00 60m')).toMatch(/^Only admins can /);
    expect(await text(c, 'admin lobby /conference config global schedule add mon 25:00 60m')).toContain('"25:00" is not a time');
    expect(await text(c, 'admin lobby /conference config global schedule remove 9')).toBe('Global conference has no class 9. Type /conference global schedule to see the ids.');
    expect(await text(c, 'admin lobby /conference config global set reminder 30')).toBe('Global conference: reminder is now 30.');
    const list = await text(c, 'sam random /conference global schedule');
    expect(list).toMatch(/^Timetable of Global conference \(times in Europe\/Madrid\):\nClass 1: Monday at 09:00 for 1 h\nClass 2: /);
    expect(list).toContain('Reminders: 30 minutes before.');
    // The course keeps its own timetable and settings.
    expect(c.bot.store.schedules.list(GLOBAL)).toHaveLength(2);
    expect(await text(c, 'sam general /conference schedule')).toBe('No classes are scheduled for Algebra (MATH101).');
    expect(c.bot.store.schedules.settings({ kind: 'course', courseCode: 'MATH101', group: '' }).reminderMinutes).toBe(10);
    expect(await text(c, 'admin lobby /conference config global schedule clear')).toBe('Global conference: removed 2 classes.');
    await c.d.run('admin lobby /conference config global off');
    expect(await text(c, 'sam random /conference global schedule')).toBe('The global conference is off. Ask an admin to turn it on.');
  });

  it('reminds once in its announce rooms at the right minute, without a link, with `global notify` to type', async () => {
    c = await globalClass();
    const at = MONDAY - 10 * MIN;
    expect(await tickAt(c, at - MIN)).toEqual([]);
    const lines = await tickAt(c, at);
    expect(lines.map((l) => [l.room, l.audience, l.text, l.links])).toEqual([
      ['lobby', 'room', 'Global conference starts at 09:00 (Europe/Madrid), in 10 minutes. Want to be told when it starts? Type /conference global notify.', []],
    ]);
    expect(await tickAt(c, at + MIN)).toEqual([]);
    expect(await tickAt(c, at + 3 * MIN)).toEqual([]);
    // Turned off, the global conference has no reminders.
    await c.d.run('admin lobby /conference config global off');
    expect(await tickAt(c, at + 7 * 86_400_000)).toEqual([]);
    checkInvariants(c);
  });

  it('auto-start creates one global meeting and DMs the admins their moderator link, never a student', async () => {
    c = await globalClass('admin lobby /conference config global set auto-start on', 'admin lobby /conference config global set reminder off');
    await c.d.run('sam lobby /conference global notify');
    expect(await tickAt(c, MONDAY - MIN)).toEqual([]);
    const lines = await tickAt(c, MONDAY);
    await settle(c.bot);
    expect(lines.filter((l) => l.audience === 'room').map((l) => [l.room, l.text])).toEqual([
      ['lobby', expect.stringMatching(/^Global conference has started, as scheduled \(09:00–10:00, Europe\/Madrid\)\. Type \/conference global join/)],
    ]);
    const dms = lines.filter((l) => l.audience === 'user' && l.links.length > 0);
    const byUser = Object.fromEntries(dms.map((l) => [l.user, l.links.map((u) => linkRole(c!.bot, u))]));
    expect(byUser).toEqual({ admin: ['MODERATOR'], sam: ['VIEWER'] }); // tina teaches but only admins start it; sam asked to be told
    expect(dms.find((l) => l.user === 'admin')!.text).toBe('Global conference started as scheduled. Your moderator link (only for you, do not share it):');
    const state = await c.bot.conference.state(GLOBAL, { fresh: true });
    expect(state.status === 'open' && state.info.duration).toBe(60 + 15);
    expect(c.bot.store.meetings.open(GLOBAL)?.startedBy).toBe('schedule');
    expect(await tickAt(c, MONDAY + MIN)).toEqual([]);
    expect(c.bot.store.meetings.allOpen()).toHaveLength(1);
    checkInvariants(c);
  });

  it('with `config global starters teachers`, teachers and coaches get their moderator link too', async () => {
    c = await globalClass('admin lobby /conference config global set auto-start on', 'admin lobby /conference config global starters teachers');
    await c.d.run('admin general /conference config teacher add @carl --coach');
    const lines = await tickAt(c, MONDAY);
    const dms = lines.filter((l) => l.audience === 'user' && l.links.length > 0);
    expect(Object.fromEntries(dms.map((l) => [l.user, l.links.map((u) => linkRole(c!.bot, u))]))).toEqual({ admin: ['MODERATOR'], tina: ['MODERATOR'], carl: ['MODERATOR'] });
    checkInvariants(c);
  });

  it('`global status` and help name its next class; `global schedule ics` is a private calendar without links', async () => {
    c = await globalClass();
    expect(await text(c, 'sam random /conference global status')).toMatch(/\nNext class of the global conference: \w+ \d?\d? ?\w* ?09:00\.$/);
    expect(await text(c, 'sam random /conference help')).toMatch(/Next class of the global conference: /);
    expect(await text(c, 'sam general /conference status')).not.toMatch(/global conference: /);
    const [line, ...more] = await c.d.run('sam random /conference global schedule ics');
    expect(more).toEqual([]);
    expect(line!.audience).toBe('user');
    expect(line!.text).toMatch(/^The upcoming classes of Global conference as a calendar file \(16 classes\)/);
    const ics = readFileSync(line!.file!, 'utf8');
    expect(ics).not.toMatch(/https?:\/\//);
    expect(ics).toContain('TZID:Europe/Madrid');
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Madrid:\d{8}T090000\r$/m);
    expect(ics).toContain('SUMMARY:Global conference');
    expect(ics).toContain('DESCRIPTION:Type /conference global join to get your personal link.');
    expect(line!.file).toMatch(/classes-global\.ics$/);
  });
});
