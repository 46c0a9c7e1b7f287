// A restart mid-class: the meeting ended on BBB while the bot was down (its BBB no longer knows
// it). After the restart `status`, `report` and `end` agree, because open meetings are
// reconciled before the first answer.
import { courseScope } from '../../src/core/scope.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleDriver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bots: TestBot[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const b of bots) await b.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  bots = [];
  dir = undefined;
});

describe('restart mid-class', () => {
  it('status, report and end agree about a meeting that ended while the bot was down', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bbb-chatops-restart-'));
    const first = await startTestBot({ dir });
    const d1 = consoleDriver(first);
    await d1.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina', 'tina general /conference start');
    first.bbb.control.addAttendee(first.conference.meetingIdOf(courseScope('MATH101', '')), { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    await first.after.reconciler.tick();
    await first.close(); // its BBB goes away with it: the meeting is over

    const second = await startTestBot({ dir });
    bots.push(second);
    const d2 = consoleDriver(second);
    const status = (await d2.run('tina general /conference status')).find((l) => l.user === 'tina');
    const [report] = await d2.run('tina general /conference report');
    const endReplies = await d2.run('tina general /conference end');
    expect(status!.text).toMatch(/not started/);
    expect(report!.text).not.toMatch(/still running/);
    expect(report!.text).toMatch(/^Attendance of Algebra \(MATH101\), .* – \d\d:\d\d:/);
    expect(endReplies.map((r) => r.text).join('\n')).toMatch(/is not running/);
    await second.after.idle();
    // The room heard once that the class ended, before anyone's answer contradicted it.
    const summaries = d2.all.filter((l) => l.audience === 'room' && /has ended/.test(l.text));
    expect(summaries).toHaveLength(1);
    expect(d2.all.indexOf(summaries[0]!)).toBeLessThan(d2.all.indexOf(status!));
    expect(second.store.meetings.open(courseScope('MATH101', ''))).toBeUndefined();
  });
});
