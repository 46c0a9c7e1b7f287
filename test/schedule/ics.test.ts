// `schedule ics` through the console: a private file that ical.js reads back with the right
// local times in the course's zone (on both sides of a daylight-saving change), the room's name,
// and no join link; everyone in the room may ask, and the room sees nothing.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, checkInvariants, type Classroom } from '../after/setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  await c?.bot.close();
  c = undefined;
});

function parse(text: string): { start: string; zone: string; utc: string; end: string; summary: string; location: string; description: string }[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      start: e.startDate.toString(),
      zone: e.startDate.zone?.tzid ?? '',
      utc: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toString(),
      summary: e.summary,
      location: e.location,
      description: e.description,
    };
  });
}

describe('schedule ics', () => {
  it('sends the requester a calendar of the upcoming classes in the course’s zone, without links', async () => {
    c = await classroom();
    // The next 5 April: always summer time in Madrid (UTC+2), within the year a one-off date is listed.
    const year = new Date().getUTCFullYear();
    const april = Date.now() < Date.parse(`${year}-04-04T00:00Z`) ? `${year}-04-05` : `${year + 1}-04-05`;
    await c.d.run(
      'admin general /conference config set timezone Europe/Madrid',
      'admin general /conference config schedule add mon 09:00 90m',
      `admin general /conference config schedule add ${april} 09:00 60m`,
      'tina general /conference start',
    );
    const lines = await c.d.run('sam general /conference schedule ics');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line!.audience).toBe('user');
    expect(line!.text).toMatch(/^The upcoming classes of Algebra \(MATH101\) as a calendar file \(17 classes\)/);
    const ics = readFileSync(line!.file!, 'utf8');
    expect(ics).not.toMatch(/https?:\/\//); // no join link, no link at all
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m); // RFC 5545: the stamp is UTC
    const events = parse(ics);
    expect(events).toHaveLength(17);
    // Read back through the file's own VTIMEZONE, each instant is Monday 09:00 in Madrid (checked with Intl).
    const madrid = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', weekday: 'long', hour: '2-digit', minute: '2-digit' });
    const weekly = events.filter((e) => e.end.endsWith('T10:30:00'));
    expect(weekly).toHaveLength(16);
    for (const e of weekly) {
      expect(e.start).toMatch(/T09:00:00$/);
      expect(e.zone).toBe('Europe/Madrid');
      expect(madrid.format(new Date(e.utc))).toBe('Monday 09:00');
    }
    const once = events.find((e) => e.start.startsWith(april))!;
    expect([once.start, once.utc]).toEqual([`${april}T09:00:00`, `${april}T07:00:00.000Z`]); // summer time, UTC+2
    expect(once.summary).toBe('Algebra (MATH101)');
    expect(once.location).toBe('#general');
    expect(once.description).toBe('Type /conference join in #general when the class has started to get your personal link.');
    checkInvariants(c);
  });

  it('says so when nothing is scheduled', async () => {
    c = await classroom();
    expect((await c.d.run('sam general /conference schedule ics')).map((l) => [l.text, l.file])).toEqual([['No classes are scheduled for Algebra (MATH101).', undefined]]);
  });
});
