// Attendance: links the bot gave, and who getMeetingInfo showed inside (first/last seen), as text
// and as a CSV file through the console adapter.
import { courseScope } from '../../src/core/scope.ts';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/core/after/csv.ts';
import { formatDateTime, formatDay } from '../../src/core/after/time.ts';
import { checkInvariants, classroom, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

const AMY = '=HYPERLINK("http://evil"), amy';
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** tina and sam get links; bob gets one but never comes; amy comes without a link from the bot. */
async function classWithAttendance(cl: Classroom): Promise<{ t0: number; t1: number }> {
  const control = cl.bot.bbb.control;
  await cl.d.run('tina general /conference start', 'sam general /conference join', 'bob general /conference join');
  control.addAttendee(cl.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
  control.addAttendee(cl.meetingId, { userId: 'console:sam', fullName: 'sam', role: 'VIEWER' });
  const t0 = Date.now() - 30 * 60_000; // samples in the past, so the end (now) comes after them
  await cl.bot.after.reconciler.tick(t0);
  control.removeAttendee(cl.meetingId, 'console:sam');
  control.addAttendee(cl.meetingId, { userId: 'console:amy', fullName: AMY, role: 'VIEWER' });
  const t1 = t0 + 25 * 60_000;
  await cl.bot.after.reconciler.tick(t1);
  return { t0, t1 };
}

describe('report', () => {
  it('shows per person: link given, joined, left, role (teachers only)', async () => {
    c = await classroom();
    const { t0, t1 } = await classWithAttendance(c);
    const [r] = await c.d.run('tina general /conference report');
    const lines = r!.text.split('\n');
    expect(r!.audience).toBe('user');
    expect(lines[0]).toMatch(/^Attendance of Algebra \(MATH101\), \d{1,2} [A-Z][a-z]+(?: \d{4})? at \d\d:\d\d – now \(still running\):$/);
    expect(lines.slice(1, 5).sort()).toEqual([
      `- ${AMY}: link given no, joined ${hhmm(t1)}, left ${hhmm(t1)}, viewer`,
      '- bob: link given yes, not seen in the meeting, viewer',
      `- sam: link given yes, joined ${hhmm(t0)}, left ${hhmm(t0)}, viewer`,
      `- tina: link given yes, joined ${hhmm(t0)}, left ${hhmm(t1)}, moderator`,
    ]);
    expect(lines[5]).toBe('3 got a link, 3 were seen in the meeting.');

    const [student] = await c.d.run('sam general /conference report');
    expect(student!.text).toContain('Only the teachers and coaches');
    const [bad] = await c.d.run('tina general /conference report yesterday');
    expect(bad!.text).toBe('Usage: /conference report [last|YYYY-MM-DD] [--csv|--detail|--chart]');
    const [none] = await c.d.run('tina general /conference report 1999-01-01');
    expect(none!.text).toBe('Algebra (MATH101) had no class on 1999-01-01.');
  });

  it('sends a CSV file with escaped cells and no formula injection; the end closes the times', async () => {
    c = await classroom();
    const { t0, t1 } = await classWithAttendance(c);
    const [ended] = await c.d.run('tina general /conference end');
    expect(ended!.text).toMatch(/^Algebra \(MATH101\) has ended\. .* Ended by tina\.$/);
    const endedAt = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.endedAt!;
    const day = formatDay(c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!.createdAt, 'UTC');

    const [r] = await c.d.run(`tina general /conference report ${day} --csv`);
    expect(r).toMatchObject({ audience: 'user', user: 'tina', text: `Attendance of Algebra (MATH101) on ${day}, as a CSV file. Join and leave times are when the bot first and last saw each person in the meeting (it looks regularly while the class runs).` });
    expect(r!.file).toBe(`${c.bot.dir}/files/attendance-MATH101-${day}.csv`);
    const csv = readFileSync(r!.file!, 'utf8');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('Name,User,Link given,Joined at,Left at,Role');
    expect(rows).toContain(`tina,tina,yes,${formatDateTime(t0, 'UTC')},${formatDateTime(endedAt, 'UTC')},moderator`);
    expect(rows).toContain(`sam,sam,yes,${formatDateTime(t0, 'UTC')},${formatDateTime(t0, 'UTC')},viewer`);
    expect(rows).toContain('bob,bob,yes,,,viewer');
    // amy stayed to the end: she left when tina ended it. Her name is quoted and defused.
    expect(rows).toContain(`"'=HYPERLINK(""http://evil""), amy",amy,no,${formatDateTime(t1, 'UTC')},${formatDateTime(endedAt, 'UTC')},viewer`);
    expect(rows).toHaveLength(6); // header, 4 people, and the final line break
    expect(rows.at(-1)).toBe('');
  });
});

describe('CSV and time helpers', () => {
  it('escapes quotes, commas and newlines, and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(f)).toBe(`'${f}`);
    expect(toCsv([['a', 'b'], ['=x', 'c,d']])).toBe('a,b\r\n\'=x,"c,d"\r\n');
  });

  it('formats in the deployment time zone', () => {
    const t = Date.parse('2030-03-04T23:30:00Z');
    expect(formatDateTime(t, 'UTC')).toBe('2030-03-04 23:30');
    expect(formatDateTime(t, 'Europe/Amsterdam')).toBe('2030-03-05 00:30');
    expect(formatDay(t, 'America/New_York')).toBe('2030-03-04');
  });
});
