// Client options (issue 13): the course's `config set listen-only on` and a user's own
// `prefs listen-only off` become userdata-bbb_* parameters of that user's signed join link.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot;
let d: Driver;

beforeEach(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
  await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
});
afterEach(() => bot.close());

const text = async (line: string): Promise<string> => (await d.run(line)).map((l) => l.text).join('\n');

async function linkOf(line: string): Promise<URL> {
  const links = (await d.run(line)).flatMap((l) => l.links);
  expect(links).toHaveLength(1);
  return new URL(links[0]!);
}

const userdata = (url: URL): Record<string, string> =>
  Object.fromEntries([...url.searchParams].filter(([k]) => k.startsWith('userdata-')));

/** Opens the link as the browser would and returns what BBB then reports as that attendee's custom data. */
async function customdataAfterOpening(url: URL, userId: string): Promise<Record<string, string>> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.text()).not.toMatch(/checksumError/);
  const state = await bot.conference.state(courseScope('MATH101', ''), { fresh: true });
  if (state.status !== 'open') throw new Error('meeting not open');
  const attendee = state.info.attendees.find((a) => a.userId === userId);
  expect(attendee).toBeDefined();
  return attendee!.customdata;
}

describe('client options in join links', () => {
  it('without options a link carries no userdata', async () => {
    expect(userdata(await linkOf('tina general /conference start'))).toEqual({});
  });

  it("the course's options reach every link, signed so that BBB accepts them", async () => {
    for (const option of ['listen-only', 'skip-echo-test', 'auto-join-audio']) {
      expect(await text(`admin general /conference config set ${option} on`)).toMatch(/applies to the join links given from now on/);
    }
    await text('admin general /conference config set auto-share-webcam off');
    const want = {
      bbb_listen_only_mode: 'true',
      bbb_skip_check_audio: 'true',
      bbb_auto_join_audio: 'true',
      bbb_auto_share_webcam: 'false',
    };
    const tina = await linkOf('tina general /conference start');
    expect(userdata(tina)).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [`userdata-${k}`, v])));
    const sam = await linkOf('sam general /conference join');
    expect(await customdataAfterOpening(sam, 'console:sam')).toEqual(want);
  });

  it("a user's preference applies to that user's links only and wins over the course", async () => {
    await text('admin general /conference config set listen-only on');
    expect(await text('sam general /conference prefs listen-only off')).toMatch(/listen-only is now off for your join links/);
    await linkOf('tina general /conference start');
    const sam = await linkOf('sam general /conference join');
    const lea = await linkOf('lea general /conference join');
    expect(sam.searchParams.get('userdata-bbb_listen_only_mode')).toBe('false');
    expect(lea.searchParams.get('userdata-bbb_listen_only_mode')).toBe('true');
    expect(await customdataAfterOpening(sam, 'console:sam')).toEqual({ bbb_listen_only_mode: 'false' });
  });

  it('a preference without a course setting, shown and reset by prefs', async () => {
    await text('sam general /conference prefs listen-only on');
    expect(await text('sam general /conference prefs')).toMatch(/listen-only: on\nskip-echo-test: as the course sets it/);
    await linkOf('tina general /conference start');
    expect(userdata(await linkOf('sam general /conference join'))).toEqual({ 'userdata-bbb_listen_only_mode': 'true' });
    expect(await text('sam general /conference prefs listen-only default')).toMatch(/listen-only is now as the course sets it/);
    expect(userdata(await linkOf('sam general /conference join'))).toEqual({});
  });

  it('prefs refuses unknown preferences and values', async () => {
    expect(await text('sam general /conference prefs layout smart')).toMatch(/Unknown preference "layout"\. Preferences: listen-only, skip-echo-test, auto-join-audio, auto-share-webcam\./);
    expect(await text('sam general /conference prefs listen-only maybe')).toMatch(/Invalid value for listen-only: expected on, off or default\./);
    expect(await text('sam general /conference prefs')).toMatch(/listen-only: as the course sets it/);
  });
});
