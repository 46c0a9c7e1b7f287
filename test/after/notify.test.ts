// Notify-me: a student refused because the class has not started asks to be told; when a teacher
// starts it, they (and only they) get a private message with their own VIEWER link.
import { courseScope } from '../../src/core/scope.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleDriver, roleOf } from '../helpers/console-driver.ts';
import { startTestBot } from '../helpers/test-bot.ts';
import { checkInvariants, classroom, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

const waiting = (cl: Classroom): string[] => cl.bot.store.waitList.list(courseScope('MATH101', '')).map((w) => w.userId);
const startedFor = (cl: Classroom, user: string) => cl.d.all.filter((l) => l.user === user && /^Algebra \(MATH101\) has started\./.test(l.text));

describe('notify me', () => {
  it('offers it on a refused join, remembers across a restart, and tells only those who asked, privately, with their own link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-'));
    try {
      c = await classroom({ dir });
      const [refused] = await c.d.run('sam general /conference join');
      expect(refused!.text).toContain('Type /conference notify.');
      const [ok] = await c.d.run('sam general /conference notify');
      expect(ok).toMatchObject({ audience: 'user', user: 'sam', links: [], text: 'I will tell you privately, with your link, as soon as Algebra (MATH101) starts.' });
      const [again] = await c.d.run('sam general /conference notify');
      expect(again!.text).toContain('already on the list');
      checkInvariants(c);
      await c.bot.close();

      // Restart: the wait list is in the database.
      const bot = await startTestBot({ dir });
      c = { bot, d: consoleDriver(bot), meetingId: bot.conference.meetingIdOf(courseScope('MATH101', '')) };
      expect(waiting(c)).toEqual(['sam']);
      await c.d.run('tina general /conference start');
      await c.bot.after.idle();
      const told = startedFor(c, 'sam');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ audience: 'user', user: 'sam', room: 'general' });
      expect(told[0]!.text).toBe('Algebra (MATH101) has started. Your link to Algebra (MATH101) (only for you, do not share it):');
      expect(told[0]!.links).toHaveLength(1);
      expect(roleOf(told[0]!.links[0]!)).toBe('VIEWER');
      expect(new URL(told[0]!.links[0]!).searchParams.get('userID')).toBe('console:sam');
      expect(c.d.all.filter((l) => l.user === 'amy')).toEqual([]); // amy did not ask: nothing for her
      expect(waiting(c)).toEqual([]);
      // The link given counts for attendance.
      expect(c.bot.store.attendance.grants(c.bot.store.meetings.open(courseScope('MATH101', ''))!.id).map((g) => [g.userId, g.role])).toEqual([
        ['tina', 'MODERATOR'],
        ['sam', 'VIEWER'],
      ]);
    } finally {
      await c?.bot.close();
      c = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the class is already running, notify just gives the link', async () => {
    c = await classroom();
    await c.d.run('tina general /conference start');
    const [r] = await c.d.run('sam general /conference notify');
    expect(r!.text).toBe('Your link to Algebra (MATH101) (only for you, do not share it):');
    expect(roleOf(r!.links[0]!)).toBe('VIEWER');
    expect(waiting(c)).toEqual([]);
  });

  it('under moderator-present, waits for a moderator inside (found by the reconciler); a full class gets the full message', async () => {
    c = await classroom();
    await c.d.run('admin general /conference config set join-policy moderator-present', 'admin general /conference config set max-participants 1');
    await c.d.run('sam general /conference notify', 'tina general /conference start');
    await c.bot.after.idle();
    expect(startedFor(c, 'sam')).toEqual([]); // open, but no teacher inside yet: keep waiting
    expect(waiting(c)).toEqual(['sam']);
    c.bot.bbb.control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    await c.bot.after.reconciler.tick();
    const told = startedFor(c, 'sam');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toBe('Algebra (MATH101) has started. Algebra (MATH101) is full (1 of 1). Try again when someone leaves.');
    expect(told[0]!.links).toEqual([]);
    expect(waiting(c)).toEqual([]);
  });

  it('the wait list clears when the meeting ends', async () => {
    c = await classroom();
    await c.d.run('admin general /conference config set join-policy moderator-present');
    await c.d.run('tina general /conference start', 'sam general /conference notify', 'bob general /conference notify');
    expect(waiting(c).sort()).toEqual(['bob', 'sam']);
    await c.d.run('tina general /conference end');
    expect(waiting(c)).toEqual([]);
    expect(c.d.all.filter((l) => l.links.length > 0 && l.user !== 'tina')).toEqual([]);
  });
});
