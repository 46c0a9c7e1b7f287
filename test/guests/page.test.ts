// The guest invitation page over the bot's real HTTP server on loopback (issue 13): headers,
// escaping, language, CSRF, name checks, not started, the 303 to a guest join, expiry, revoke,
// used up, body cap; the token never stored or logged in clear.
import { courseScope } from '../../src/core/scope.ts';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { openInvitation, postForm, submitName } from '../helpers/guest-form.ts';

let bot: TestBot;
let d: Driver;
afterEach(async () => {
  vi.useRealTimers();
  await bot.close();
});

async function invitation(flags = '', title = 'Algebra'): Promise<string> {
  bot = await startTestBot({ http: true });
  d = consoleDriver(bot);
  await d.run(`admin general /conference config link MATH101 "${title}"`, 'admin general /conference config teacher add @tina');
  return (await d.run(`tina general /conference guest ${flags}`))[0]!.links[0]!;
}
const start = () => d.run('tina general /conference start');
const meetingId = () => bot.conference.meetingIdOf(courseScope('MATH101'));

describe('the guest invitation page', () => {
  it('is plain HTML in the course language, escapes the course title, with strict headers and a SameSite cookie', async () => {
    const url = await invitation('', '<b>Algebra</b> & co');
    await d.run('admin general /conference config set language fr');
    const page = await openInvitation(url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="fr">');
    expect(page.html).toContain('<h1>Rejoindre &#60;b&#62;Algebra&#60;/b&#62; &#38; co en tant qu&#39;invité</h1>');
    expect(page.html).not.toContain('<b>');
    expect(page.html).not.toMatch(/<script|<iframe|style="/i);
    expect(page.html).toMatch(/<form method="post">/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self' http:\/\/127\.0\.0\.1:\d+; frame-ancestors 'none'; base-uri 'none'$/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('set-cookie')).toMatch(/^guest_form=\d+\.[A-Za-z0-9_-]{43}; Path=\/g\/; Max-Age=7200; HttpOnly; SameSite=Strict$/);
    expect(page.cookie).toBe(`guest_form=${page.csrf}`);
  });

  it('a POST without a CSRF token, with a wrong one, or without the cookie is refused (403)', async () => {
    const url = await invitation();
    await start();
    const page = await openInvitation(url);
    const forged = `${page.csrf.split('.')[0]}.${'A'.repeat(43)}`;
    const attempts: [Record<string, string>, string | undefined][] = [
      [{ name: 'Eve' }, page.cookie],
      [{ name: 'Eve', csrf: forged }, `guest_form=${forged}`],
      [{ name: 'Eve', csrf: page.csrf }, undefined],
      [{ name: 'Eve', csrf: page.csrf }, 'guest_form=1.x'],
    ];
    for (const [fields, cookie] of attempts) {
      const res = await postForm(url, fields, cookie);
      expect(res.status).toBe(403);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('This form has expired or could not be checked.');
    }
    // A token made for another invitation does not fit this one.
    const other = (await d.run('tina general /conference guest'))[0]!.links[0]!;
    const otherPage = await openInvitation(other);
    expect((await postForm(url, { name: 'Eve', csrf: otherPage.csrf }, otherPage.cookie)).status).toBe(403);
    expect(bot.bbb.control.guestsWaiting(meetingId())).toEqual([]);
    expect((bot.store.db.prepare('SELECT uses FROM guest_invitations WHERE id = 1').get() as { uses: number }).uses).toBe(0);
  });

  it('the name is trimmed, bounded and free of control characters; refusals re-show the form with a message', async () => {
    const url = await invitation();
    await start();
    const cases: [string, string][] = [
      ['   ', 'Please type your name.'],
      ['x'.repeat(65), 'Your name can be at most 64 characters long.'],
      ['Eve\nAdmin', 'Your name contains characters that cannot be shown'],
      ['Eve\u202Enimda', 'Your name contains characters that cannot be shown'],
    ];
    for (const [name, message] of cases) {
      const res = await submitName(url, name);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toMatch(/name="csrf" value="\d+\./);
    }
    const echoed = await (await submitName(url, `"><script>alert(1)</script>${'y'.repeat(60)}`)).text();
    expect(echoed).toContain('value="&#34;&#62;&#60;script&#62;');
    expect(echoed).not.toContain('<script>');
  });

  it('before the class starts: a clear page, no use counted; once started: 303 to a signed guest VIEWER join', async () => {
    const url = await invitation('--uses 2');
    const early = await submitName(url, '  Grace Hopper ');
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('The class has not started yet. Please try again later.');
    await start();
    const res = await submitName(url, '  Grace Hopper ');
    expect(res.status).toBe(303);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const target = new URL(res.headers.get('location')!);
    expect(target.origin).toBe(new URL(bot.bbb.url).origin);
    expect(target.pathname).toMatch(/\/join$/);
    const q = target.searchParams;
    expect([q.get('guest'), q.get('role'), q.get('fullName'), q.get('meetingID')]).toEqual(['true', 'VIEWER', 'Grace Hopper', meetingId()]);
    expect(q.get('userID')).toMatch(/^guest-1-[0-9a-f]{12}$/);
    expect(q.get('checksum')).toMatch(/^[0-9a-f]{40,}$/);
    expect((bot.store.db.prepare('SELECT uses FROM guest_invitations').get() as { uses: number }).uses).toBe(1);
    expect((await submitName(url, 'Ada')).status).toBe(303);
    const spent = await fetch(url);
    expect(spent.status).toBe(410);
    expect(await spent.text()).toContain('This guest invitation has been used up.');
  });

  it('with join-policy moderator-present, guests wait until a moderator is in the meeting', async () => {
    const url = await invitation();
    await d.run('admin general /conference config set join-policy moderator-present');
    await start();
    expect((await submitName(url, 'Grace')).status).toBe(409);
    bot.bbb.control.addAttendee(meetingId(), { userId: 'console:tina', fullName: 'Tina', role: 'MODERATOR' });
    expect((await submitName(url, 'Grace')).status).toBe(303);
  });

  it('of many simultaneous guests on the last use, exactly one is let through', async () => {
    const url = await invitation('--uses 1');
    await start();
    const forms = await Promise.all(Array.from({ length: 6 }, () => openInvitation(url)));
    const answers = await Promise.all(forms.map((f, i) => postForm(url, { csrf: f.csrf, name: `Guest ${i}` }, f.cookie)));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 410, 410, 410, 410, 410]);
  });

  it('an expired or revoked invitation, or an unknown token, gets a clear 410 page', async () => {
    const url = await invitation('--hours 1');
    const revoked = (await d.run('tina general /conference guest'))[0]!.links[0]!;
    await d.run('tina general /conference guest revoke 2');
    const gone = await fetch(revoked);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-security-policy')).toContain("form-action 'none'");
    expect(await gone.text()).toContain('This guest invitation has been withdrawn.');
    for (const token of ['x', 'A'.repeat(43), '%3Cscript%3E']) {
      const res = await fetch(`${bot.publicUrl}/g/${token}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This guest invitation has expired.');
    }
    const page = await openInvitation(url);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3600_000 + 1000);
    expect((await fetch(url)).status).toBe(410);
    const late = await postForm(url, { csrf: page.csrf, name: 'Late' }, page.cookie);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This guest invitation has expired.');
  });

  it('a body over the cap is refused with 413; other methods and media types too', async () => {
    const url = await invitation();
    const page = await openInvitation(url);
    const big = await postForm(url, { csrf: page.csrf, name: 'x'.repeat(5000) }, page.cookie);
    expect(big.status).toBe(413);
    expect((await fetch(url, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(415);
  });

  it('the token is stored only hashed, and neither it, the name nor the join URL is logged', async () => {
    const url = await invitation();
    await start();
    const token = url.split('/g/')[1]!;
    const res = await submitName(url, 'Grace Hopper');
    const target = res.headers.get('location')!;
    await fetch(`${url}/x`); // an unknown path under the token: 404, and nothing logged with it
    const huge = await fetch(url, { method: 'POST', body: 'x'.repeat(300 * 1024) }); // refused before the route, with a WARN line
    expect(huge.status).toBe(413);
    const rows = bot.store.db.prepare('SELECT * FROM guest_invitations').all();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((rows[0] as { token_hash: string }).token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const log = bot.log.lines.join('\n');
    expect(log).toContain('Guest invitation used');
    expect(log).toContain('request body too large');
    expect(log).not.toContain(token);
    expect(log).not.toContain('Grace');
    expect(log).not.toContain(new URL(target).searchParams.get('checksum')!);
  });
});
