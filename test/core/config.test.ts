// Admin configuration through the console: permissions, validation, and the secret kept secret.
import { courseScope } from '../../src/core/scope.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startDevBbb, type DevBbbServer } from '../../src/bbb/dev-server/index.ts';

let bot: TestBot;
let d: Driver;
let other: DevBbbServer;

beforeEach(async () => {
  bot = await startTestBot();
  other = await startDevBbb({ secret: 'the-other-servers-secret-0123456789' });
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra');
});
afterEach(async () => {
  for (const secret of [bot.bbb.secret, other.secret]) {
    expect(JSON.stringify(d.all)).not.toContain(secret);
    expect(bot.log.lines.join('\n')).not.toContain(secret);
  }
  await other.close();
  await bot.close();
});

/** Everything the store holds, to prove a refusal changed nothing. */
function snapshot(): string {
  const db = bot.store.db;
  const tables = ['settings', 'courses', 'room_links', 'course_roles', 'admins'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
}

describe('config is for admins only', () => {
  it('refuses every config subcommand to a non-admin, says why, and changes nothing', async () => {
    await d.run('admin general /conference config teacher add @tina');
    const before = snapshot();
    const attempts = [
      `config server ${other.url} ${other.secret}`,
      'config link HACK101',
      'config unlink',
      'config teacher add @sam',
      'config admin add @sam',
      'config set record on',
      'config show',
      'config',
    ];
    for (const user of ['sam', 'tina']) {
      for (const a of attempts) {
        const [r] = await d.run(`${user} general /conference ${a}`);
        expect(r!.text).toBe('Only admins can change the configuration. Ask an admin of this bot.');
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('lets an admin name another admin, who can then configure; env admins cannot be removed', async () => {
    expect((await d.run('admin general /conference config admin add @ann'))[0]!.text).toBe('ann is now an admin.');
    expect((await d.run('ann general /conference config set record on'))[0]!.text).toContain('record is now on');
    expect((await d.run('ann general /conference config admin remove @admin'))[0]!.text).toContain('through BOT_ADMINS');
    expect((await d.run('ann general /conference config admin remove @ann'))[0]!.text).toContain('cannot remove yourself');
    expect((await d.run('admin general /conference config admin remove @ann'))[0]!.text).toBe('ann is no longer an admin.');
    expect((await d.run('ann general /conference config show'))[0]!.text).toContain('Only admins');
  });
});

describe('config server', () => {
  it('checks the server, saves it, and never shows the secret', async () => {
    const [r] = await d.run(`admin general /conference config server ${other.url.replace('/api', '/')} ${other.secret}`);
    expect(r!.text).toBe(`BigBlueButton server saved: ${other.url} (BigBlueButton 3.0.0). The secret was checked and is not shown.`);
    expect(bot.store.settings.server()).toEqual({ url: other.url, secret: other.secret });
    const [show] = await d.run('admin general /conference config show');
    expect(show!.text).toContain(`BigBlueButton server: ${other.url} (secret ********)`);
    // The saved server is the one now used.
    await d.run('admin general /conference config teacher add @tina');
    await d.run('tina general /conference start');
    expect(other.control.callCounts().create).toBe(1);
  });

  it('reports a wrong secret as a wrong secret, and keeps the old settings', async () => {
    const [r] = await d.run(`admin general /conference config server ${other.url} not-the-right-secret`);
    expect(r!.text).toContain('The server rejected that secret');
    expect(bot.store.settings.server()).toBeUndefined();
  });

  it('refuses a URL that is not http(s), an unreachable server, and a server that is not BBB', async () => {
    const [bad] = await d.run('admin general /conference config server ftp://bbb.example.org s3cr3t-value');
    expect(bad!.text).toMatch(/^That server URL is not valid/);
    const closed = await startDevBbb();
    const deadUrl = closed.url;
    await closed.close();
    const [dead] = await d.run(`admin general /conference config server ${deadUrl} s3cr3t-value`);
    expect(dead!.text).toMatch(/^Could not reach a BigBlueButton server/);
    const web = createServer((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx</body></html>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const [html] = await d.run(`admin general /conference config server http://127.0.0.1:${(web.address() as AddressInfo).port}/ s3cr3t-value`);
    expect(html!.text).toContain('answered, but not like a BigBlueButton server');
    web.close();
    expect(bot.store.settings.server()).toBeUndefined();
  });

  it('refuses a secret typed in a shared room on chat platforms', async () => {
    const replies = await bot.app.handle({
      platform: 'matrix',
      user: { id: '@admin:school.edu', displayName: 'Admin' },
      room: { id: '!shared:school.edu', isDirect: false },
      text: `config server ${other.url} ${other.secret}`,
    });
    expect(replies[0]!.text).toContain('Do not type the BigBlueButton secret in a shared room');
    expect(replies[0]!.error).toEqual({ field: 'secret' });
    expect(bot.store.settings.server()).toBeUndefined();
    const dm = await bot.app.handle({
      platform: 'matrix',
      user: { id: '@admin:school.edu', displayName: 'Admin' },
      room: { id: '!dm:school.edu', isDirect: true },
      text: `config server ${other.url} ${other.secret}`,
    });
    expect(dm[0]!.text).toContain('BigBlueButton server saved');
  });
});

describe('config link, teacher, set', () => {
  it('names what is wrong and shows the usage line', async () => {
    const lines = await d.run(
      'admin general /conference config link',
      'admin general /conference config teacher promote @tina',
      'admin general /conference config set colour blue',
      'admin general /conference config set max-participants lots',
      'admin general /conference config set duration -5',
      'admin general /conference config teacher add @@@',
    );
    expect(lines.map((l) => l.text)).toEqual([
      'Usage of config link: /conference config link <COURSE-CODE> [title…] [--group NAME]',
      'Usage of config teacher: /conference config teacher add|remove <user> [--coach]',
      'Unknown option "colour". Options: record, max-participants, duration, welcome, join-policy, language, mute-on-start, webcams-only-for-moderators, lock-cameras, lock-microphones, lock-private-chat, lock-public-chat, lock-notes, lock-on-join, layout, guest-policy, moderator-message, banner, listen-only, skip-echo-test, auto-join-audio, auto-share-webcam, timezone, reminder, auto-start, auto-end, personal-rooms.',
      'Invalid value for max-participants: expected a number from 1 to 10000, or none.',
      'Invalid value for duration: expected minutes from 0 (no limit) to 10080, or default.',
      '"@@@" is not a user name. Name a user like @tina.',
    ]);
  });

  it('stores course options and sends them to BBB on the next start', async () => {
    await d.run(
      'admin general /conference config teacher add @tina',
      'admin general /conference config set record on',
      'admin general /conference config set max-participants 30',
      'admin general /conference config set duration 90',
      'admin general /conference config set welcome "Welcome to Algebra, be on time"',
    );
    expect(bot.store.courses.get('MATH101')).toMatchObject({ record: true, maxParticipants: 30, durationMinutes: 90, welcome: 'Welcome to Algebra, be on time' });
    await d.run('tina general /conference start');
    const m = bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')));
    expect(m?.record).toBe(true);
    expect(m?.metadata['bbb-chatops-course']).toBe('MATH101');
    const [status] = await d.run('tina general /conference status');
    expect(status!.text).toContain('recorded');
  });

  it('unlinks a room but keeps the course, and relinking keeps teachers', async () => {
    await d.run('admin general /conference config teacher add @tina');
    const [u] = await d.run('admin general /conference config unlink');
    expect(u!.text).toBe('This room is no longer linked to Algebra (MATH101). The course and its settings are kept.');
    expect((await d.run('tina general /conference start'))[0]!.text).toContain('not linked');
    await d.run('admin general /conference config link MATH101');
    expect((await d.run('tina general /conference start'))[0]!.text).toContain('Your moderator link');
  });
});
