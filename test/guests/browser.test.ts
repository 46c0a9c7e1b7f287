// The guest invitation in a real browser (issue 13): Debian's chromium driven by playwright-core.
// Open the invitation, type a name, submit (no JavaScript needed: the page has none), land in the
// dev server's guest lobby, a moderator admits the guest, and the guest is in the meeting;
// expired and revoked invitations are refused. Skipped only when /usr/bin/chromium is absent.
import { courseScope } from '../../src/core/scope.ts';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED guest browser test: ${CHROMIUM} is absent (apt-get install -y chromium)`);

let browser: Browser;
let bot: TestBot;
let d: Driver;

beforeAll(async () => {
  if (hasChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'], timeout: 60_000 });
}, 90_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  vi.useRealTimers();
  await bot.close();
});

async function classroom(): Promise<void> {
  bot = await startTestBot({ http: true });
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
}
const invite = async (flags = ''): Promise<string> => (await d.run(`tina general /conference guest ${flags}`))[0]!.links[0]!;

async function inPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

describe.skipIf(!hasChromium)('guest invitation in chromium', () => {
  it('open, type a name, submit, wait in the lobby, admitted by a moderator, in the meeting', async () => {
    await classroom();
    await d.run('tina general /conference start');
    const url = await invite();
    const meetingId = bot.conference.meetingIdOf(courseScope('MATH101'));
    await inPage(async (page) => {
      const opened = await page.goto(url);
      expect(opened?.status()).toBe(200);
      expect(await page.title()).toBe('Join Algebra as a guest');
      await page.fill('#name', '  Grace <Hopper>  ');
      await Promise.all([page.waitForURL(/\/html5client\/guestWait\?/, { timeout: 30_000 }), page.click('button[type=submit]')]);
      expect(await page.textContent('body')).toContain('Grace <Hopper> is waiting in the guest lobby of Algebra.');
      expect(bot.bbb.control.meeting(meetingId)!.attendees).toEqual([]); // not a participant while waiting
      expect(bot.bbb.control.guestsWaiting(meetingId).map((g) => g.fullName)).toEqual(['Grace <Hopper>']);

      const guest = bot.bbb.control.guestsWaiting(meetingId)[0]!;
      bot.bbb.control.decideGuest(meetingId, guest.userId, true); // as a moderator in the client
      expect(bot.bbb.control.meeting(meetingId)!.attendees).toContainEqual({ userId: guest.userId, fullName: 'Grace <Hopper>', role: 'VIEWER' });
      await page.waitForFunction(() => document.body.textContent?.includes('joined Algebra as VIEWER'), undefined, { timeout: 30_000 }).catch(async () => {
        await page.reload(); // the lobby page refreshes itself every second; a loaded machine may be slower
      });
      expect(await page.textContent('body')).toContain('Grace <Hopper> joined Algebra as VIEWER');
    });
  }, 120_000);

  it('before the class starts the page says so and keeps the form', async () => {
    await classroom();
    const url = await invite();
    await inPage(async (page) => {
      await page.goto(url);
      await page.fill('#name', 'Grace');
      await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
      await page.waitForSelector('#message', { timeout: 30_000 });
      expect(await page.textContent('#message')).toBe('The class has not started yet. Please try again later.');
      expect(await page.inputValue('#name')).toBe('Grace');
    });
  }, 120_000);

  it('revoked and expired invitations are refused with a clear page', async () => {
    await classroom();
    const expiring = await invite('--hours 1');
    const revoked = await invite();
    await d.run('tina general /conference guest revoke 2');
    await inPage(async (page) => {
      const res = await page.goto(revoked);
      expect(res?.status()).toBe(410);
      expect(await page.textContent('#message')).toContain('This guest invitation has been withdrawn.');
      expect(await page.$('form')).toBeNull();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 3600_000 + 1000); // the bot's clock; the browser's is its own
      const late = await page.goto(expiring);
      expect(late?.status()).toBe(410);
      expect(await page.textContent('#message')).toContain('This guest invitation has expired.');
    });
  }, 120_000);
});
