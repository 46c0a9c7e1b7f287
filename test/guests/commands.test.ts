// guest, guest list, guest revoke from the console (issue 13): who may, the values, PUBLIC_URL.
import { afterEach, describe, expect, it } from 'vitest';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let d: Driver;
afterEach(() => bot.close());

async function classroom(http: boolean): Promise<void> {
  bot = await startTestBot({ http });
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
}
const say = async (line: string): Promise<string> => (await d.run(line)).map((l) => l.text).join('\n');

describe('guest invitations: the commands', () => {
  it('without PUBLIC_URL the teacher is told what to set', async () => {
    await classroom(false);
    const out = await d.run('tina general /conference guest');
    expect(out).toHaveLength(1);
    expect(out[0]!.audience).toBe('user');
    expect(out[0]!.links).toEqual([]);
    expect(out[0]!.text).toContain('set PUBLIC_URL');
  });

  it('students may not invite, list or revoke', async () => {
    await classroom(true);
    for (const cmd of ['guest', 'guest list', 'guest revoke 1']) {
      const out = await d.run(`sam general /conference ${cmd}`);
      expect(out.flatMap((l) => l.links)).toEqual([]);
      expect(out.map((l) => l.text).join('\n')).toMatch(/Only the teachers and coaches/);
    }
    expect(bot.store.db.prepare('SELECT count(*) AS n FROM guest_invitations').get()).toEqual({ n: 0 });
  });

  it('a teacher gets the URL privately, with the defaults (2 hours, 10 uses); admins may too', async () => {
    await classroom(true);
    const before = Date.now();
    const out = await d.run('tina general /conference guest');
    expect(out).toHaveLength(1);
    expect(out[0]!.audience).toBe('user');
    expect(out[0]!.links).toHaveLength(1);
    expect(out[0]!.links[0]).toMatch(new RegExp(`^${bot.publicUrl}/g/[A-Za-z0-9_-]{43}$`));
    expect(out[0]!.text).not.toContain('/g/');
    expect(out[0]!.text).toContain('for 10 uses');
    const row = bot.store.db.prepare('SELECT * FROM guest_invitations').get() as { expires_at: number; max_uses: number; created_at: number };
    expect(row.max_uses).toBe(10);
    expect(row.expires_at - row.created_at).toBe(2 * 3600_000);
    expect(row.created_at).toBeGreaterThanOrEqual(before);
    expect((await d.run('admin general /conference guest --uses 1'))[0]!.links).toHaveLength(1);
  });

  it('--hours and --uses are checked with a clear message', async () => {
    await classroom(true);
    for (const bad of ['0', '169', '1.5', 'two', '-3']) {
      expect(await say(`tina general /conference guest --hours ${bad}`)).toBe('--hours must be a whole number from 1 to 168.');
    }
    expect(await say('tina general /conference guest --hours')).toBe('--hours must be a whole number from 1 to 168.');
    for (const bad of ['0', '201', 'lots']) {
      expect(await say(`tina general /conference guest --uses ${bad}`)).toBe('--uses must be a whole number from 1 to 200.');
    }
    expect(await say('tina general /conference guest now please')).toMatch(/guest \[--hours 1-168\] \[--uses 1-200\]/);
    expect(bot.store.db.prepare('SELECT count(*) AS n FROM guest_invitations').get()).toEqual({ n: 0 });
    expect((await d.run('tina general /conference guest --hours 168 --uses 200'))[0]!.links).toHaveLength(1);
    const row = bot.store.db.prepare('SELECT * FROM guest_invitations').get() as { expires_at: number; max_uses: number; created_at: number };
    expect([row.expires_at - row.created_at, row.max_uses]).toEqual([168 * 3600_000, 200]);
  });

  it('guest list shows id, expiry and uses left, never the URL; guest revoke withdraws one', async () => {
    await classroom(true);
    expect(await say('tina general /conference guest list')).toMatch(/has no open guest invitations/);
    const first = (await d.run('tina general /conference guest --uses 3'))[0]!.links[0]!;
    const second = (await d.run('tina general /conference guest --hours 5'))[0]!.links[0]!;
    const list = await d.run('tina general /conference guest list');
    expect(list.every((l) => l.audience === 'user' && l.links.length === 0)).toBe(true);
    const text = list.map((l) => l.text).join('\n');
    expect(text).toMatch(/^1: until \d{4}-\d\d-\d\d \d\d:\d\d, 3 uses left$/m);
    expect(text).toMatch(/^2: until .*, 10 uses left$/m);
    for (const url of [first, second]) expect(text).not.toContain(url.split('/g/')[1]);

    expect(await say('tina general /conference guest revoke')).toMatch(/Say which invitation/);
    expect(await say('tina general /conference guest revoke 9')).toMatch(/no open guest invitation 9/);
    expect(await say('tina general /conference guest revoke 1')).toBe('Guest invitation 1 is withdrawn: its link no longer works.');
    expect(await say('tina general /conference guest revoke 1')).toMatch(/no open guest invitation 1/);
    expect(await say('tina general /conference guest list')).not.toMatch(/^1:/m);
  });

  it('invitations belong to their course: another course cannot list or revoke them', async () => {
    await classroom(true);
    await d.run('admin physics /conference config link PHY1 Physics', 'admin physics /conference config teacher add @pia');
    await d.run('tina general /conference guest');
    expect(await say('pia physics /conference guest list')).toMatch(/has no open guest invitations/);
    expect(await say('pia physics /conference guest revoke 1')).toMatch(/no open guest invitation 1/);
    expect(await say('tina general /conference guest list')).toMatch(/^1: /m);
  });
});
