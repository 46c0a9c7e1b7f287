// One INFO audit line per command, from every adapter, through the core's entry point:
// platform, room, user, the command's words (never its arguments), outcome and duration.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { consoleDriver } from '../helpers/console-driver.ts';
import { startDevBbb } from '../../src/bbb/dev-server/index.ts';
import { ADMIN, STUDENT } from '../fakes/slack-fake-app.ts';
import { CHANNEL, startHarness, type Harness } from '../slack/harness.ts';

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  await h?.close();
  await bot?.close();
  h = bot = undefined;
});

interface AuditLine {
  cmd: string;
  platform: string;
  room: string;
  user: string;
  command: string;
  outcome: string;
  ms: number;
}

function auditLines(lines: string[]): AuditLine[] {
  return lines
    .filter((l) => / INFO command \{/.test(l))
    .map((l) => JSON.parse(l.slice(l.indexOf('{'))) as AuditLine);
}

describe('audit line per command', () => {
  it('logs exactly one line per console command with who, where, what and how it went', async () => {
    bot = await startTestBot();
    const d = consoleDriver(bot);
    await d.run(
      'admin general /conference config link MATH101 Algebra',
      'admin general /conference config teacher add @tina',
      'sam general /conference start',
      'tina general /conference start',
      'sam general /conference join',
      'sam general /conference frobnicate',
      'tina general /conference end',
      'sam general /conference status',
    );
    const audit = auditLines(bot.log.lines);
    expect(audit.map((a) => [a.platform, a.room, a.user, a.command, a.outcome])).toEqual([
      ['console', 'general', 'admin', 'config link', 'ok'],
      ['console', 'general', 'admin', 'config teacher', 'ok'],
      ['console', 'general', 'sam', 'start', 'refused'],
      ['console', 'general', 'tina', 'start', 'ok'],
      ['console', 'general', 'sam', 'join', 'ok'],
      ['console', 'general', 'sam', '?', 'unknown-command'],
      ['console', 'general', 'tina', 'end', 'ok'],
      ['console', 'general', 'sam', 'status', 'ok'],
    ]);
    for (const a of audit) expect(a.ms).toBeGreaterThanOrEqual(0);
    expect(new Set(audit.map((a) => a.cmd)).size).toBe(audit.length); // one id per command
  });

  it('never logs the arguments of config server, whatever the outcome', async () => {
    bot = await startTestBot();
    const other = await startDevBbb({ secret: 'audit-test-other-secret-0123456789' });
    const d = consoleDriver(bot);
    await d.run(
      `admin general /conference config server ${other.url} ${other.secret}`,
      `admin general /conference config server ${other.url} wrong-secret-value-42`,
      `admin general /conference config server wrong-secret-value-43 ${other.url}`,
    );
    await other.close();
    const audit = auditLines(bot.log.lines);
    expect(audit.map((a) => [a.command, a.outcome])).toEqual([
      ['config server', 'ok'],
      ['config server', 'user-error'],
      ['config server', 'user-error'],
    ]);
    const logs = bot.log.lines.join('\n');
    for (const s of [other.secret, 'wrong-secret-value-42', 'wrong-secret-value-43', other.url]) expect(logs).not.toContain(s);
  });

  it('logs one line per Slack slash command through the same entry point', async () => {
    bot = await startTestBot();
    h = await startHarness({ app: bot.app });
    const api = h.api;
    const a = await h.command('config link MATH101 Algebra', ADMIN);
    const b = await h.command('status', STUDENT);
    await api.waitFor(() => api.postsTo(a.responseUrl).length + api.postsTo(b.responseUrl).length >= 2, 5000, 'answers');
    const audit = auditLines(bot.log.lines);
    expect(audit.map((x) => [x.platform, x.user, x.command, x.outcome])).toEqual([
      ['slack', ADMIN.id, 'config link', 'ok'],
      ['slack', STUDENT.id, 'status', 'ok'],
    ]);
    expect(audit.map((x) => x.room)).toEqual([CHANNEL.id, CHANNEL.id]);
  });
});
