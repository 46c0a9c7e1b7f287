// `report last --chart` through the console: the PNG goes only to the teacher who asked (a private
// line with a 0600 file, nothing in the room), decodes, is PNG_WIDTH wide, in the bot's time zone
// (BOT_TIMEZONE) when the chat reports none; `report <day> --chart` picks that day's class; a student
// gets the same refusal as for `report`.
import { courseScope } from '../../../src/core/scope.ts';
import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PNG_WIDTH } from '../../../src/core/after/chart/render.ts';
import { formatDay } from '../../../src/core/after/time.ts';
import { decodePng } from '../../helpers/png.ts';
import { checkInvariants, classroom, type Classroom } from '../setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

describe('report --chart (console)', () => {
  it('sends the teacher a PNG privately, in the bot time zone; the room sees nothing; a student is refused as for report', async () => {
    c = await classroom({ env: { BOT_TIMEZONE: 'Europe/Madrid' } });
    const control = c.bot.bbb.control;
    await c.d.run('tina general /conference start', 'sam general /conference join', 'bob general /conference join');
    control.addAttendee(c.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    control.addAttendee(c.meetingId, { userId: 'console:sam', fullName: 'sam', role: 'VIEWER' });
    await c.bot.after.reconciler.tick();
    await c.d.run('tina general /conference end');

    const before = c.d.all.length;
    const lines = await c.d.run('tina general /conference report last --chart');
    expect(c.d.all.slice(before)).toEqual(lines);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ audience: 'user', user: 'tina', room: 'general' });
    const day = formatDay(c.bot.store.meetings.recent(courseScope('MATH101'), 1)[0]!.createdAt, 'Europe/Madrid');
    expect(line!.text).toBe(`Attendance of Algebra (MATH101) on ${day}, as a picture (times in Europe/Madrid).`);
    expect(line!.file).toMatch(new RegExp(`attendance-MATH101-${day}\\.png$`));
    expect(statSync(line!.file!).mode & 0o777).toBe(0o600);
    const png = decodePng(readFileSync(line!.file!));
    expect(png.width).toBe(PNG_WIDTH);
    expect(png.height).toBeGreaterThan(150);

    const [byDay] = await c.d.run(`tina general /conference report ${day} --chart`);
    expect(byDay!.file).toBe(line!.file);
    const [none] = await c.d.run('tina general /conference report 1999-01-01 --chart');
    expect(none!.text).toBe('Algebra (MATH101) had no class on 1999-01-01.');

    const [refused] = await c.d.run('sam general /conference report last --chart');
    const [asForReport] = await c.d.run('sam general /conference report');
    expect(refused!.text).toContain('Only the teachers and coaches');
    expect(refused).toEqual(asForReport);
    expect(refused!.file).toBeUndefined();
  });
});
