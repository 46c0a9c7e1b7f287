// The classroom flow through the console in each language: every reply of every scenario is in
// the course's language (or the reader's), with no English sentence and no placeholder left.
import { courseScope } from '../../src/core/scope.ts';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleLine } from '../../adapters/console/render.ts';
import { consoleDriver, type Driver } from '../helpers/console-driver.ts';
import { settle, startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { AVAILABLE, messages } from '../../src/i18n/index.ts';
import { loadConfig } from '../../src/config.ts';
import { LANGUAGES, type Language } from '../../src/core/model.ts';
import { englishIn } from './english-check.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function course(language: Language): Promise<Driver> {
  bot = await startTestBot({ http: true }); // BBB's callbacks reach the bot: the recording is announced
  const d = consoleDriver(bot);
  await d.run(
    'admin general /conference config link MATH101 Algebra',
    'admin general /conference config teacher add @tina',
    'admin general /conference config set record on',
    `admin general /conference config set language ${language}`,
  );
  return d;
}

const texts = (lines: ConsoleLine[]): string[] => lines.map((l) => l.text);

describe.each(LANGUAGES)('the classroom in %s', (lang) => {
  it('every scenario renders in the language: refusals, not started, notify, started, full, status, ended, recordings, report', async () => {
    const d = await course(lang);
    const t = messages(lang);
    const b = bot!;
    const from = d.all.length;
    await d.run(
      'admin general /conference config set record maybe',
      'admin general /conference config set language xx',
      'sam general /conference frobnicate',
      'sam general /conference help',
      'sam general /conference start',
      'sam general /conference join',
      'sam general /conference notify',
    );
    const [, started] = await d.run('tina general /conference start');
    expect(started).toMatchObject({ audience: 'room', text: `${t.started('tina', 'Algebra (MATH101)')} ${t.startedHowToJoin('/conference', false)}` });
    await b.after.idle();
    const told = d.all.find((l) => l.user === 'sam' && l.links.length === 1);
    expect(told?.text.startsWith(t.notifyNowStarted('Algebra (MATH101)'))).toBe(true);
    const meetingId = b.conference.meetingIdOf(courseScope('MATH101', ''));
    b.bbb.control.addAttendee(meetingId, { userId: 'console:tina', fullName: 'tina', role: 'MODERATOR' });
    b.conference.forget(meetingId); // joined behind the bot's back: the 2 s meeting-state cache has not seen it
    await d.run('admin general /conference config set max-participants 1', 'tina general /conference status');
    const [full] = await d.run('bob general /conference join');
    expect(full!.text).toBe(t.full('Algebra (MATH101)', 1, 1));
    const [report] = await d.run('tina general /conference report');
    expect(report!.text.split('\n')[0]).toMatch(new RegExp(`^${t.reportTitle('Algebra (MATH101)', 'X', null).split('X')[0]!.replace(/[()]/g, '\\$&')}`));
    const [ended] = await d.run('tina general /conference end');
    expect(ended!.audience).toBe('room');
    expect(ended!.text.endsWith(t.endedBy('tina'))).toBe(true);
    await b.bbb.control.advanceTime(50);
    await settle(b);
    await d.run('tina general /conference recordings', 'sam general /conference recordings delete nothing');
    const [csv] = await d.run('tina general /conference report last --csv');
    expect(readFileSync(csv!.file!, 'utf8').split('\r\n')[0]).toBe(t.analytics.csvHeader.join(',')); // BBB's analytics arrived: the exact report

    const lines = d.all.slice(from);
    expect(lines.length).toBeGreaterThan(15);
    expect(texts(lines).filter((x) => /[{}]/.test(x))).toEqual([]);
    if (lang !== 'en') {
      expect(texts(lines).flatMap(englishIn)).toEqual([]);
    }
    expect(texts(lines).some((x) => x.includes(t.recordingReady('Algebra (MATH101)', '', '').slice(0, 12)))).toBe(true);
  });
});

describe('which language', () => {
  it('a Spanish course room gets the announcement in Spanish; an override answers in French, and auto goes back', async () => {
    const d = await course('es');
    const [fr] = await d.run('sam general /conference language fr');
    expect(fr!.text).toBe(messages('fr').languageSet('/conference', 'français'));
    const [join] = await d.run('sam general /conference join');
    expect(join!.text.startsWith(messages('fr').notStarted('Algebra (MATH101)', 'tina').slice(0, 20))).toBe(true);
    const [, room] = await d.run('tina general /conference start');
    expect(room!.text.startsWith(messages('es').started('tina', 'Algebra (MATH101)'))).toBe(true);
    const [link] = await d.run('sam general /conference join');
    expect(link!.text).toBe(messages('fr').yourViewerLink('Algebra (MATH101)'));
    const [shown] = await d.run('sam general /conference language');
    expect(shown!.text).toContain('votre choix');
    const [auto] = await d.run('sam general /conference language auto');
    expect(auto!.text).toBe(messages('es').languageAuto('español'));
    const [again] = await d.run('sam general /conference join');
    expect(again!.text).toBe(messages('es').yourViewerLink('Algebra (MATH101)'));
  });

  it('refuses an unknown language with the list of available ones; the choice survives a restart', async () => {
    const d = await course('nl');
    const [bad] = await d.run('sam general /conference language de');
    expect(bad!.text).toBe(messages('nl').languageUnknown('de', 'en, es, nl, fr'));
    await d.run('sam general /conference language es');
    expect(bot!.store.userLanguages.get('console', 'sam').chosen).toBe('es');
  });

  it('the CSV headers follow the requester, not the course', async () => {
    const d = await course('es');
    await d.run('tina general /conference language nl', 'tina general /conference start', 'tina general /conference end');
    const [csv] = await d.run('tina general /conference report last --csv');
    expect(readFileSync(csv!.file!, 'utf8').split('\r\n')[0]).toBe('Naam,Gebruiker,Link gekregen,Binnengekomen,Vertrokken,Rol');
  });

  it('config set language answers "expected" with the available languages', async () => {
    const d = await course('en');
    const [bad] = await d.run('admin general /conference config set language de');
    expect(bad!.text).toBe('Invalid value for language: expected one of en, es, nl, fr.');
  });
});

describe('BOT_LANGUAGE', () => {
  it('is the language of courses that set none, and must name an available language at start-up', async () => {
    expect(() => loadConfig({ BOT_LANGUAGE: 'de' })).toThrow(/BOT_LANGUAGE/);
    for (const l of AVAILABLE) expect(loadConfig({ BOT_LANGUAGE: l }).BOT_LANGUAGE).toBe(l);
    bot = await startTestBot({ env: { BOT_LANGUAGE: 'nl' } });
    const d = consoleDriver(bot);
    const [help] = await d.run('sam general /conference help');
    expect(help!.text.split('\n')[0]).toBe(messages('nl').helpTitle('/conference'));
    await d.run('admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina');
    const [, room] = await d.run('tina general /conference start');
    expect(room!.text.startsWith(messages('nl').started('tina', 'Algebra (MATH101)'))).toBe(true);
  });
});

describe('config set language', () => {
  it('answers in the new language at once (it applies now, not from the next start)', async () => {
    bot = await startTestBot();
    const d = consoleDriver(bot);
    await d.run('admin general /conference config link MATH101 Algebra');
    const [set] = await d.run('admin general /conference config set language fr');
    expect(set!.text).toBe(messages('fr').optionSet('language', 'fr', 'Algebra (MATH101)'));
    expect(bot.store.courses.get('MATH101')?.language).toBe('fr');
  });
});
