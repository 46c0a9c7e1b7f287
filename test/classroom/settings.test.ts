// Classroom settings (issue 13): `config set` stores them per course, `start` sends them to BBB's
// create, the dev server keeps them as BBB does (not in getMeetingInfo: seen through its control).
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

const set = async (option: string, value: string): Promise<string> =>
  (await d.run(`admin general /conference config set ${option} ${value}`)).map((l) => l.text).join('\n');

async function startedClassroom() {
  await d.run('tina general /conference start');
  const meeting = bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')));
  expect(meeting).toBeDefined();
  return meeting!.classroom;
}

describe('classroom settings sent at create', () => {
  it('without settings the server keeps its defaults (but guests wait for a moderator)', async () => {
    const classroom = await startedClassroom();
    expect(bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')))!.guestPolicy).toBe('ASK_MODERATOR');
    expect(classroom).toEqual({
      muteOnStart: false,
      webcamsOnlyForModerator: false,
      lockSettings: { disableCam: false, disableMic: false, disablePrivateChat: false, disablePublicChat: false, disableNotes: false, lockOnJoin: true },
      meetingLayout: 'SMART_LAYOUT',
      moderatorOnlyMessage: '',
      bannerText: '',
    });
  });

  it('every setting reaches create with BBB meaning', async () => {
    for (const option of ['mute-on-start', 'webcams-only-for-moderators', 'lock-cameras', 'lock-microphones', 'lock-private-chat', 'lock-public-chat', 'lock-notes']) {
      expect(await set(option, 'on')).toMatch(new RegExp(`${option} is now on`));
    }
    await set('lock-on-join', 'off');
    await set('layout', 'video-focus');
    expect(await set('guest-policy', 'ask-moderator')).toMatch(/guest-policy is now ask-moderator/);
    await set('moderator-message', 'Remember to record, %%CONFNAME%%!');
    await set('banner', 'Exam week: cameras on please');
    expect(await startedClassroom()).toEqual({
      muteOnStart: true,
      webcamsOnlyForModerator: true,
      lockSettings: { disableCam: true, disableMic: true, disablePrivateChat: true, disablePublicChat: true, disableNotes: true, lockOnJoin: false },
      meetingLayout: 'VIDEO_FOCUS',
      moderatorOnlyMessage: 'Remember to record, %%CONFNAME%%!',
      bannerText: 'Exam week: cameras on please',
    });
    expect(bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')))!.guestPolicy).toBe('ASK_MODERATOR');
  });

  it('each layout name maps to its BBB layout', async () => {
    const want = { custom: 'CUSTOM_LAYOUT', smart: 'SMART_LAYOUT', 'presentation-focus': 'PRESENTATION_FOCUS', 'video-focus': 'VIDEO_FOCUS' };
    for (const [name, layout] of Object.entries(want)) {
      await set('layout', name);
      expect((await startedClassroom()).meetingLayout).toBe(layout);
      await d.run('tina general /conference end');
      await bot.bbb.control.advanceTime(1000);
    }
  });

  it('default and none go back to the server default; the welcome text is still sent beside them', async () => {
    await set('mute-on-start', 'on');
    await set('banner', 'Hello');
    await set('welcome', 'Welcome to algebra');
    expect(await set('mute-on-start', 'default')).toMatch(/mute-on-start is now server default/);
    expect(await set('banner', 'none')).toMatch(/banner is now server default/);
    const c = await startedClassroom();
    expect(c.muteOnStart).toBe(false);
    expect(c.bannerText).toBe('');
    expect(bot.bbb.control.meeting(bot.conference.meetingIdOf(courseScope('MATH101', '')))!.welcome).toBe('Welcome to algebra');
  });

  it('config show lists every setting', async () => {
    await set('lock-public-chat', 'on');
    await set('layout', 'smart');
    const text = (await d.run('admin general /conference config show')).map((l) => l.text).join('\n');
    expect(text).toContain('lock-public-chat: on');
    expect(text).toContain('layout: smart');
    expect(text).toContain('mute-on-start: server default');
    expect(text).toContain('banner: server default');
    expect(text).toContain('listen-only: server default');
  });
});

describe('classroom settings are validated', () => {
  it.each([
    ['mute-on-start', 'maybe', /Invalid value for mute-on-start: expected on, off or default\./],
    ['layout', 'grid', /Invalid value for layout: expected one of custom, smart, presentation-focus, video-focus, or default\./],
    ['guest-policy', 'maybe', /Invalid value for guest-policy: expected one of always-accept, ask-moderator, always-deny, or default\./],
    ['banner', 'x'.repeat(201), /Invalid value for banner: expected a text of at most 200 characters, or none\./],
    ['listen-only', '2', /Invalid value for listen-only: expected on, off or default\./],
  ])('%s %s is refused with what is expected', async (option, value, message) => {
    expect(await set(option, value)).toMatch(message);
    const text = (await d.run('admin general /conference config show')).map((l) => l.text).join('\n');
    expect(text).toContain(option === 'guest-policy' ? 'guest-policy: default (ask-moderator)' : `${option}: server default`);
  });

  it('an unknown option lists the classroom options too', async () => {
    expect(await set('lock-everything', 'on')).toMatch(/Unknown option "lock-everything"\. Options: .*lock-cameras.*banner.*auto-share-webcam/);
  });

  it('only admins may change them', async () => {
    const text = (await d.run('tina general /conference config set lock-cameras on')).map((l) => l.text).join('\n');
    expect(text).not.toMatch(/is now on/);
    expect((await startedClassroom()).lockSettings.disableCam).toBe(false);
  });
});
