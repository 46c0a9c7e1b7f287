// Reminders from the scheduler with a controllable clock (tick(now) called directly), through the
// console adapter: at the right local minute across daylight-saving changes, once, in the
// course's room only; skipped (and logged) when late; never repeated by a restarted bot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, checkInvariants, type Classroom } from '../after/setup.ts';
import { consoleDriver } from '../helpers/console-driver.ts';
import { startTestBot } from '../helpers/test-bot.ts';
import { addSlot, MIN, REMINDER, tickAt } from './setup.ts';
import { courseScope } from '../../src/core/scope.ts';

const open: Classroom[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.bot.close();
});

async function scheduled(zone: string, opts: { dir?: string } = {}): Promise<Classroom> {
  const c = await classroom(opts);
  open.push(c);
  await c.d.run(`admin general /conference config set timezone ${zone}`, 'admin other /conference config link PHYS Physics');
  return c;
}

/** Ticks one minute before, at, and one minute after `at`: the reminder appears exactly at `at`, once. */
async function expectReminderAt(c: Classroom, at: string, local: string, zone: string): Promise<void> {
  const t = Date.parse(at);
  expect((await tickAt(c, t - MIN)).filter((l) => REMINDER.test(l.text))).toEqual([]);
  const lines = await tickAt(c, t);
  expect(lines.map((l) => [l.room, l.audience, l.text.split('. ')[0]])).toEqual([['general', 'room', `Algebra (MATH101) starts at ${local} (${zone}), in 10 minutes`]]);
  expect(lines[0]!.text).toContain('Taught by tina.');
  expect(lines[0]!.text).toContain('Type /conference notify');
  expect(lines[0]!.links).toEqual([]);
  expect(await tickAt(c, t + MIN)).toEqual([]);
  expect(await tickAt(c, t + 3 * MIN)).toEqual([]);
}

describe('reminders at the right local minute across daylight-saving changes', () => {
  it('Europe/Madrid, Sundays and Mondays at 09:00, around 2026-10-25 and 2027-03-28', async () => {
    const c = await scheduled('Europe/Madrid');
    addSlot(c, { days: [7, 1] });
    await expectReminderAt(c, '2026-10-18T06:50Z', '09:00', 'Europe/Madrid');
    await expectReminderAt(c, '2026-10-25T07:50Z', '09:00', 'Europe/Madrid');
    await expectReminderAt(c, '2026-10-26T07:50Z', '09:00', 'Europe/Madrid');
    await expectReminderAt(c, '2027-03-28T06:50Z', '09:00', 'Europe/Madrid');
    checkInvariants(c);
  });

  it('America/New_York, Sundays and Mondays at 09:00, around 2026-11-01 and 2027-03-14', async () => {
    const c = await scheduled('America/New_York');
    addSlot(c, { days: [7, 1] });
    await expectReminderAt(c, '2026-10-25T12:50Z', '09:00', 'America/New_York');
    await expectReminderAt(c, '2026-11-01T13:50Z', '09:00', 'America/New_York');
    await expectReminderAt(c, '2027-03-14T12:50Z', '09:00', 'America/New_York');
    await expectReminderAt(c, '2027-03-15T12:50Z', '09:00', 'America/New_York');
    checkInvariants(c);
  });

  it('the reminder lead time and off are the course’s settings; a class already running gets Join instead of Notify me', async () => {
    const c = await scheduled('UTC');
    addSlot(c, { days: [2], time: '10:00' });
    await c.d.run('admin general /conference config set reminder 30');
    expect((await tickAt(c, '2026-12-01T09:29Z')).length).toBe(0);
    const [line] = await tickAt(c, '2026-12-01T09:30Z');
    expect(line!.text).toMatch(/^Algebra \(MATH101\) starts at 10:00 \(UTC\), in 30 minutes\./);
    await c.d.run('admin general /conference config set reminder off');
    expect(await tickAt(c, '2026-12-08T09:50Z')).toEqual([]);
    await c.d.run('admin general /conference config set reminder 10', 'tina general /conference start');
    const [running] = await tickAt(c, '2026-12-15T09:50Z');
    expect(running!.text).toMatch(/^Algebra \(MATH101\) is already on \(10:00, UTC\)\. Type \/conference join/);
    checkInvariants(c);
  });
});

describe('groups', () => {
  it('a group’s timetable reminds that group’s room only', async () => {
    const c = await scheduled('UTC');
    await c.d.run('admin g1room /conference config link MATH101 Algebra --group g1', 'admin g1room /conference config schedule add tue 10:00 60m');
    expect(c.bot.store.schedules.list(courseScope('MATH101', 'g1'))).toHaveLength(1);
    const lines = await tickAt(c, '2026-12-08T09:50Z');
    expect(lines.map((l) => [l.room, l.text.split('), in ')[0]])).toEqual([['g1room', 'Algebra (MATH101, group g1) starts at 10:00 (UTC'] ]);
  });
});

describe('restarts and downtime', () => {
  it('a bot restarted before and after a reminder sends it once; a reminder more than 5 minutes late is skipped and logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bbb-chatops-schedule-'));
    const first = await scheduled('Europe/Madrid', { dir });
    const slotId = addSlot(first, { days: [1] });
    expect(await tickAt(first, '2026-10-26T07:49Z')).toEqual([]);
    open.splice(0); // keep the folder: the next bots use the same SQLite file
    await first.bot.close();

    const again = async (): Promise<Classroom> => {
      const bot = await startTestBot({ dir });
      const c = { bot, d: consoleDriver(bot), meetingId: '' };
      open.push(c);
      return c;
    };
    const second = await again();
    expect((await tickAt(second, '2026-10-26T07:50Z')).filter((l) => REMINDER.test(l.text))).toHaveLength(1);
    open.splice(0);
    await second.bot.close();

    const third = await again();
    expect(await tickAt(third, '2026-10-26T07:51Z')).toEqual([]); // claimed by the bot before the restart
    // Down over the next Monday's reminder (07:50Z): back at 07:56, 6 minutes late: skipped, logged, never sent later.
    expect(await tickAt(third, '2026-11-02T07:56Z')).toEqual([]);
    expect(await tickAt(third, '2026-11-02T07:57Z')).toEqual([]);
    expect(third.bot.store.schedules.firing(slotId, Date.parse('2026-11-02T08:00Z'), 'reminder')).toBe('skipped-late');
    expect(third.bot.log.lines.filter((l) => /reminder skipped, 6 min late/.test(l))).toHaveLength(1);
    // 4 minutes late is still on time enough.
    expect((await tickAt(third, '2026-11-09T07:54Z')).filter((l) => REMINDER.test(l.text))).toHaveLength(1);
    open.splice(0);
    await third.bot.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
