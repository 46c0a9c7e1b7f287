// `recordings`: students see published recordings only, teachers all of them with ids; publish,
// unpublish and delete (with confirmation) go through BBB's own calls, for this course's recordings only.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleLine } from '../../adapters/console/render.ts';
import { checkInvariants, classroom, settle, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

/** One recorded session in a room's course; returns its record id. */
async function recordSession(cl: Classroom, room: string, course: string): Promise<string> {
  await cl.d.run(`tina ${room} /conference start`);
  const meetingId = cl.bot.conference.meetingIdOf(courseScope(course, ''));
  cl.bot.bbb.control.addAttendee(meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
  await cl.d.run(`tina ${room} /conference end`);
  await cl.bot.bbb.control.advanceTime(50);
  await settle(cl.bot);
  return cl.bot.store.meetings.recent(courseScope(course, ''), 1)[0]!.internalMeetingId!;
}

async function bbbState(cl: Classroom, recordId: string): Promise<string | undefined> {
  return (await cl.bot.conference.api().getRecordings({ recordId, state: 'any' }))[0]?.state;
}

const one = async (cl: Classroom, line: string): Promise<ConsoleLine> => (await cl.d.run(line))[0]!;

describe('recordings', () => {
  it('lists published recordings to students and all of them to teachers; publish and unpublish through BBB', async () => {
    c = await classroom({ record: true });
    const first = await recordSession(c, 'general', 'MATH101');
    const second = await recordSession(c, 'general', 'MATH101');
    expect(first).not.toBe(second);

    const hidden = await one(c, `tina general /conference recordings unpublish ${second}`);
    expect(hidden.text).toBe(`Recording ${second} is unpublished: students no longer see it.`);
    expect(await bbbState(c, second)).toBe('unpublished');

    const student = await one(c, 'sam general /conference recordings');
    expect(student.audience).toBe('user');
    expect(student.text.split('\n')).toHaveLength(2);
    expect(student.text).toMatch(/^Recordings of Algebra \(MATH101\):\n1\. \d{1,2} [A-Z][a-z]+(?: \d{4})? at \d\d:\d\d, \d+ min$/);
    expect(student.text).not.toContain(first); // ids are for teachers
    expect(student.links).toEqual([expect.stringContaining(`/playback/presentation/2.3/${first}`), expect.stringContaining(`/playback/video/${first}/`)]);

    const teacher = await one(c, 'tina general /conference recordings');
    const lines = teacher.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`[unpublished (students do not see it)] id ${second}`); // newest first
    expect(lines[2]).toContain(`[published] id ${first}`);
    expect(teacher.links).toHaveLength(4);

    const latest = await one(c, 'tina general /conference recordings 1');
    expect(latest.text.split('\n')[0]).toBe('Recordings of Algebra (MATH101) (the latest 1 of 2):');
    expect((await one(c, 'tina general /conference recordings lots')).text).toBe('Usage: /conference recordings [N], where N is how many to show (1 to 50).');

    expect((await one(c, `tina general /conference recordings publish ${second}`)).text).toBe(`Recording ${second} is published: students can see it.`);
    expect(await bbbState(c, second)).toBe('published');
    expect((await one(c, 'sam general /conference recordings')).links).toHaveLength(4);

    const refused = await one(c, `sam general /conference recordings unpublish ${first}`);
    expect(refused.text).toContain('Only the teachers and coaches of Algebra (MATH101) can do that');
    expect(await bbbState(c, first)).toBe('published');
  });

  it('deletes only after --confirm, and never touches another course\'s recording', async () => {
    c = await classroom({ record: true });
    await c.d.run('admin physics /conference config link PHYS1 Physics', 'admin physics /conference config teacher add @tina', 'admin physics /conference config set record on');
    const mine = await recordSession(c, 'general', 'MATH101');
    const theirs = await recordSession(c, 'physics', 'PHYS1');
    expect(await bbbState(c, theirs)).toBe('published');

    const ask = await one(c, `tina general /conference recordings delete ${mine}`);
    expect(ask.text).toBe(`Deleting a recording cannot be undone. To delete it, type /conference recordings delete ${mine} --confirm within 5 minutes.`);
    expect(await bbbState(c, mine)).toBe('published');
    // Another teacher's confirmation does not count for tina's request.
    await c.d.run('admin general /conference recordings delete ' + mine + ' --confirm');
    expect(await bbbState(c, mine)).toBe('published');
    const done = await one(c, `tina general /conference recordings delete ${mine} --confirm`);
    expect(done.text).toBe(`Recording ${mine} is deleted.`);
    expect(await bbbState(c, mine)).toBe('deleted');

    for (const line of [
      `tina general /conference recordings delete ${theirs}`,
      `tina general /conference recordings delete ${theirs} --confirm`,
      `tina general /conference recordings unpublish ${theirs}`,
      `tina general /conference recordings unpublish ${theirs.slice(0, 20)}`, // a prefix would be a wildcard for BBB
      `tina general /conference recordings unpublish ${theirs},${mine}`,
    ]) {
      const r = await one(c, line);
      expect(r.text).toMatch(/^There is no recording \S+ of Algebra \(MATH101\)\./);
    }
    expect(await bbbState(c, theirs)).toBe('published');
    expect((await one(c, 'tina general /conference recordings delete')).text).toBe('Name the recording: /conference recordings delete <id> (the ids are in /conference recordings).');
  });
});
