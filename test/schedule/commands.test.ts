// The timetable commands through the console adapter: add, list, remove, clear, the schedule
// options of `config set`, bad input named precisely, and the next class in status and help.
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, type Classroom } from '../after/setup.ts';
import { courseScope } from '../../src/core/scope.ts';

let c: Classroom | undefined;
afterEach(async () => {
  await c?.bot.close();
  c = undefined;
});

const text = async (c: Classroom, line: string): Promise<string> => (await c.d.run(line)).map((l) => l.text).join('\n');

describe('config schedule and schedule', () => {
  it('adds weekly and one-off classes, lists them with the settings, removes and clears them', async () => {
    c = await classroom();
    expect(await text(c, 'admin general /conference config schedule add mon,wed 09:00 90m')).toBe(
      'Algebra (MATH101): added class 1: Monday and Wednesday at 09:00 for 1 h 30 min.',
    );
    expect(await text(c, 'admin general /conference config schedule add 2099-12-14 15:00 1h')).toMatch(/added class 2: Monday, 14 December 2099 at 15:00 for 1 h\.$/);
    expect(await text(c, 'admin general /conference config set timezone europe/madrid')).toBe('Algebra (MATH101): timezone is now Europe/Madrid.');
    expect(await text(c, 'admin general /conference config set reminder 15')).toContain('reminder is now 15');
    expect(await text(c, 'admin general /conference config set auto-start on')).toContain('auto-start is now on');
    expect((await text(c, 'admin general /conference config show')).split('\n').slice(-4)).toEqual([
      'timezone: Europe/Madrid', 'reminder: 15 min', 'auto-start: on', 'auto-end: off',
    ]);
    const list = await text(c, 'sam general /conference schedule');
    expect(list.split('\n').slice(0, 4)).toEqual([
      'Timetable of Algebra (MATH101) (times in Europe/Madrid):',
      'Class 1: Monday and Wednesday at 09:00 for 1 h 30 min',
      'Class 2: Monday, 14 December 2099 at 15:00 for 1 h',
      'Reminders: 15 minutes before. Automatic start: on. Automatic end: off.',
    ]);
    expect(list).toMatch(/\nNext class: (Monday|Wednesday) 09:00\.$/);
    expect(await text(c, 'admin general /conference config schedule remove 1')).toBe('Algebra (MATH101): removed class 1.');
    expect(await text(c, 'admin general /conference config schedule remove 1')).toBe('Algebra (MATH101) has no class 1. Type /conference schedule to see the ids.');
    expect(await text(c, 'admin general /conference config schedule clear')).toBe('Algebra (MATH101): removed 1 class.');
    expect(await text(c, 'sam general /conference schedule')).toBe('No classes are scheduled for Algebra (MATH101).');
  });

  it('names every wrong part of a class it cannot read', async () => {
    c = await classroom();
    const [reply] = await c.d.run('admin general /conference config schedule add funday 25:00 9h');
    expect(reply!.text).toBe(
      'I could not read that class: "funday" is not a day (mon … sun, mon-fri, mon,wed) or a date (YYYY-MM-DD); "25:00" is not a time (HH:MM, from 00:00 to 23:59); ' +
        '"9h" is not a duration from 5 minutes to 8 hours (90m, 1h30m). Example: /conference config schedule add mon,wed 09:00 90m (or one date: 2026-12-14 15:00 60m).',
    );
    expect(await text(c, 'admin general /conference config schedule add 2026-02-30 10:00 60m')).toContain('"2026-02-30" is not a day');
    expect(await text(c, 'admin general /conference config schedule add mon 10:00')).toContain('give a day or date, a time and a duration');
    expect(await text(c, 'admin general /conference config set timezone Mars/Olympus')).toContain('Invalid value for timezone: expected a time zone such as Europe/Madrid');
    expect(await text(c, 'admin general /conference config set reminder soon')).toContain('Invalid value for reminder');
    expect(c.bot.store.schedules.list(courseScope('MATH101'))).toEqual([]);
  });

  it('only admins change the timetable; status and help tell everyone the next class', async () => {
    c = await classroom();
    expect(await text(c, 'tina general /conference config schedule add mon 09:00 60m')).toMatch(/only/i);
    expect(await text(c, 'sam general /conference status')).not.toContain('Next class');
    await c.d.run('admin general /conference config schedule add mon-sun 23:59 60m');
    expect(await text(c, 'sam general /conference status')).toMatch(/\nNext class: [A-Z][a-z]+day 23:59\.$/);
    expect(await text(c, 'sam general /conference help')).toMatch(/\nNext class: [A-Z][a-z]+day 23:59\.$/);
  });
});
