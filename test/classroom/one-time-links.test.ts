// One-time join links (issue 13), through the bot's real HTTP server on loopback: with PUBLIC_URL
// a personal link is PUBLIC_URL/j/<token>; the first opening is recorded and redirected to the
// signed BBB URL, a second or late one gets a page asking for a fresh link.
import { courseScope } from '../../src/core/scope.ts';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let d: Driver;

async function classroom(http: boolean, env: Record<string, string> = {}): Promise<void> {
  bot = await startTestBot({ http, env });
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
}
afterEach(async () => {
  vi.useRealTimers();
  await bot.close();
});

async function linkOf(line: string): Promise<string> {
  const links = (await d.run(line)).flatMap((l) => l.links);
  expect(links).toHaveLength(1);
  return links[0]!;
}

const open = (url: string, headers: Record<string, string> = {}): Promise<Response> => fetch(url, { redirect: 'manual', headers });

describe('one-time join links', () => {
  it('without PUBLIC_URL links stay signed BBB URLs', async () => {
    await classroom(false);
    expect(await linkOf('tina general /conference start')).toMatch(new RegExp(`^${bot.bbb.url}.*/join\\?`));
  });

  it('the first opening is recorded and redirected to the signed BBB join URL; the second is refused', async () => {
    await classroom(true);
    await linkOf('tina general /conference start');
    const link = await linkOf('sam general /conference join');
    expect(link).toMatch(new RegExp(`^${bot.publicUrl}/j/[A-Za-z0-9_-]{43}$`)); // 256 bits

    const before = Date.now();
    const first = await open(link);
    expect(first.status).toBe(302);
    const target = first.headers.get('location')!;
    expect(target).toMatch(new RegExp(`^${bot.bbb.url}.*/join\\?.*checksum=`));
    expect(new URL(target).searchParams.get('userID')).toBe('console:sam');
    expect(new URL(target).searchParams.get('role')).toBe('VIEWER');
    const inside = await fetch(target); // BBB accepts the signature
    expect(inside.status).toBe(200);
    expect(bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')))!.attendees.map((a) => a.userId)).toContain('console:sam');

    const row = bot.store.meetings.open(courseScope('MATH101', ''))!;
    const seen = bot.store.attendance.presence(row.id).find((p) => p.bbbUserId === 'console:sam');
    expect(seen?.firstSeen).toBeGreaterThanOrEqual(before);
    expect(seen!.firstSeen).toBeLessThanOrEqual(Date.now());

    const second = await open(link);
    expect(second.status).toBe(410);
    expect(second.headers.get('location')).toBeNull();
    const page = await second.text();
    expect(page).toContain('This join link has already been opened once.');
    expect(page).toContain('type /conference join');
    expect(page).not.toContain(bot.bbb.url);
  });

  it('a link opened after its validity is refused, in the course language', async () => {
    await classroom(true, { HTTP_JOIN_LINK_MINUTES: '5' });
    await d.run('admin general /conference config set language es');
    await linkOf('tina general /conference start');
    const link = await linkOf('sam general /conference join');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 4 * 60_000);
    const fresh = await linkOf('lea general /conference join');
    vi.setSystemTime(Date.now() + 1.5 * 60_000); // sam's link is 5.5 minutes old, lea's 1.5
    const late = await open(link);
    expect(late.status).toBe(410);
    const page = await late.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Este enlace ha caducado.');
    expect((await open(fresh)).status).toBe(302);
    const row = bot.store.meetings.open(courseScope('MATH101', ''))!;
    expect(bot.store.attendance.presence(row.id).map((p) => p.bbbUserId)).toEqual(['console:lea']);
  });

  it('link previews and HEAD requests do not use the link up', async () => {
    await classroom(true);
    const link = await linkOf('tina general /conference start');
    expect((await open(link, { 'user-agent': 'Synapse (bot; +https://github.com/matrix-org/synapse)' })).status).toBe(204);
    expect((await open(link, { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' })).status).toBe(204);
    expect((await fetch(link, { method: 'HEAD', redirect: 'manual' })).status).toBe(204);
    expect((await open(link)).status).toBe(302);
  });

  it('of many simultaneous openings exactly one is let through', async () => {
    await classroom(true);
    const link = await linkOf('tina general /conference start');
    const answers = await Promise.all(Array.from({ length: 8 }, () => open(link)));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 410, 410, 410, 410, 410, 410, 410]);
  });

  it('unknown tokens are refused the same way', async () => {
    await classroom(true);
    for (const token of ['x', 'A'.repeat(43), 'A'.repeat(44), '%3Cscript%3E']) {
      const res = await open(`${bot.publicUrl}/j/${token}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This join link has expired.');
    }
  });

  it('the token is stored only as its SHA-256 and neither it nor the BBB URL is logged', async () => {
    await classroom(true);
    const link = await linkOf('tina general /conference start');
    const token = link.split('/j/')[1]!;
    const target = (await open(link)).headers.get('location')!;
    await open(link);
    const db = new Database(join(bot.dir, 'bot.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT * FROM join_links').all() as Record<string, unknown>[];
    db.close();
    expect(rows.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain('checksum');
    const log = bot.log.lines.join('\n');
    expect(log).toContain('One-time join link opened');
    expect(log).toContain('One-time join link refused');
    expect(log).not.toContain(token);
    expect(log).not.toContain(new URL(target).searchParams.get('checksum')!);
  });
});
