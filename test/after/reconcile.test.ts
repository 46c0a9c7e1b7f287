// Reconciliation without callbacks: the reconciler finds ended meetings and new recordings itself,
// posting exactly what the callbacks would have posted, once.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInvariants, classroom, READY, roomLines, SUMMARY, type Classroom } from './setup.ts';

let c: Classroom | undefined;
afterEach(async () => {
  if (c) checkInvariants(c);
  await c?.bot.close();
  c = undefined;
});

const MIN = 60_000;

async function startWithPeople(cl: Classroom): Promise<void> {
  await cl.d.run('tina general /conference start');
  cl.bot.bbb.control.addAttendee(cl.meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
  cl.bot.bbb.control.addAttendee(cl.meetingId, { userId: 'console:sam', fullName: 'sam', role: 'VIEWER' });
}

describe('reconciler', () => {
  it('detects a meeting that ended without a callback, once, and checks on schedule', async () => {
    c = await classroom({ http: true });
    c.bot.bbb.control.setCallbacks(false);
    await startWithPeople(c);
    const t0 = Date.now();
    await c.bot.after.reconciler.tick(t0);
    expect(c.bot.store.attendance.presence(c.bot.store.meetings.open(courseScope('MATH101', ''))!.id).map((p) => p.bbbUserId).sort()).toEqual(['console:sam', 'console:tina']);

    await c.bot.bbb.control.endMeeting(c.meetingId); // ended in BBB; nobody calls back
    c.bot.bbb.control.resetCallCounts();
    await c.bot.after.reconciler.tick(t0 + 10_000); // not due yet: no BBB call, nothing posted
    expect(c.bot.bbb.control.callCounts().getMeetingInfo ?? 0).toBe(0);
    expect(roomLines(c.d, SUMMARY)).toEqual([]);

    await c.bot.after.reconciler.tick(t0 + MIN + 1);
    await c.bot.after.idle();
    const summaries = roomLines(c.d, SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.text).toContain('2 people took part');
    expect(c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]).toMatchObject({ endReason: 'reconciled', endedAt: t0 + MIN + 1 });

    await c.bot.after.reconciler.tick(t0 + 5 * MIN);
    expect(roomLines(c.d, SUMMARY)).toHaveLength(1);
  });

  it('backs off while BBB is unreachable, then carries on', async () => {
    c = await classroom();
    await startWithPeople(c);
    c.bot.bbb.control.injectFault({ kind: 'refuse', calls: ['getMeetingInfo'] });
    const t0 = Date.now();
    await c.bot.after.reconciler.tick(t0); // fails: next try in 2 min, not 1
    c.bot.bbb.control.clearFaults();
    c.bot.bbb.control.resetCallCounts();
    await c.bot.after.reconciler.tick(t0 + MIN + 1);
    expect(c.bot.bbb.control.callCounts().getMeetingInfo ?? 0).toBe(0);
    await c.bot.after.reconciler.tick(t0 + 2 * MIN + 1);
    expect(c.bot.bbb.control.callCounts().getMeetingInfo).toBe(1);
    expect(c.bot.store.attendance.presentCount(c.bot.store.meetings.open(courseScope('MATH101', ''))!.id)).toBe(2);
  });

  it('finds the recording later, when processing is done, and announces it once', async () => {
    c = await classroom({ record: true, devBbb: { callbacks: false, recordingProcessingMs: 3_600_000 } });
    await startWithPeople(c);
    await c.d.run('tina general /conference end');
    const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
    expect(c.bot.store.recordingLog.watching(row.id)).toBe(true);
    const t0 = Date.now();
    await c.bot.after.reconciler.tick(t0); // still processing
    expect(roomLines(c.d, READY)).toEqual([]);

    await c.bot.bbb.control.advanceTime(3_600_000); // BBB publishes it (and would call back, but callbacks are off)
    await c.bot.after.reconciler.tick(t0 + 30_000); // not due yet
    expect(roomLines(c.d, READY)).toEqual([]);
    await c.bot.after.reconciler.tick(t0 + 2 * MIN);
    const ready = roomLines(c.d, READY);
    expect(ready).toHaveLength(1);
    expect(ready[0]!.links).toEqual([expect.stringContaining(`/playback/presentation/2.3/${row.internalMeetingId}`), expect.stringContaining(`/playback/video/${row.internalMeetingId}/`)]);
    expect(c.bot.store.recordingLog.watching(row.id)).toBe(false);
    await c.bot.after.reconciler.tick(t0 + 3 * 3_600_000);
    expect(roomLines(c.d, READY)).toHaveLength(1);
  });

  it('stops watching for a recording after RECORDING_WATCH_HOURS', async () => {
    c = await classroom({ record: true, env: { RECORDING_WATCH_HOURS: '2' }, devBbb: { callbacks: false, recordingProcessingMs: 100 * 3_600_000 } });
    await startWithPeople(c);
    await c.d.run('tina general /conference end');
    const row = c.bot.store.meetings.recent(courseScope('MATH101', ''), 1)[0]!;
    const t0 = Date.now();
    await c.bot.after.reconciler.tick(t0 + 90 * MIN);
    expect(c.bot.store.recordingLog.watching(row.id)).toBe(true);
    c.bot.bbb.control.resetCallCounts();
    await c.bot.after.reconciler.tick(t0 + 2 * 60 * MIN + MIN);
    expect(c.bot.store.recordingLog.watching(row.id)).toBe(false);
    expect(c.bot.bbb.control.callCounts().getRecordings ?? 0).toBe(0);
  });
});
