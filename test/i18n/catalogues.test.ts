// Every catalogue has exactly English's keys, the same ICU arguments, valid syntax, and formats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogues, flatten, formatter, LOCALES, type MessageKey } from '../../src/i18n/catalogue.ts';
import { messages } from '../../src/i18n/index.ts';
import { LANGUAGES } from '../../src/core/model.ts';
import { argumentsOf, parse, sampleArgs } from './icu.ts';

const en = flatten(catalogues.en);
const others = LANGUAGES.filter((l) => l !== 'en');

describe('catalogues', () => {
  it.each(others)('%s has exactly the keys of English', (lang) => {
    expect([...flatten(catalogues[lang]).keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(LANGUAGES)('%s: every message is valid ICU with the arguments of English', (lang) => {
    const wrong: string[] = [];
    for (const [key, source] of flatten(catalogues[lang])) {
      expect(() => parse(source), `${lang} ${key}`).not.toThrow();
      const want = JSON.stringify(argumentsOf(en.get(key) ?? ''));
      if (JSON.stringify(argumentsOf(source)) !== want) wrong.push(`${key}: ${JSON.stringify(argumentsOf(source))} != ${want}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(LANGUAGES)('%s: no apostrophe quotes ICU syntax by accident', (lang) => {
    // ICU: an apostrophe before { } # | or ' starts quoted text and would swallow a placeholder.
    const bad = [...flatten(catalogues[lang])].filter(([, s]) => /'[{}#|']/.test(s)).map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every message formats for sample arguments, with no placeholder left', (lang) => {
    const f = formatter(lang);
    for (const [key, source] of en) {
      for (const n of [0, 1, 2, 1000]) {
        const text = f.format(key as MessageKey, sampleArgs(source, n));
        expect(text, `${lang} ${key}`).not.toMatch(/[{}]/);
        expect(text.length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(others)('%s: a translated sentence is not the English one', (lang) => {
    // Numbering, URLs and words that are the same in that language may equal English.
    const technical = ['showLabels.minutes', 'recordingLine', 'recordingTeacherDetails', 'recordingLinkLabel', 'slack.modal.urlPlaceholder', 'recordingFormats.podcast'];
    const sameWord: Record<string, string[]> = {
      es: ['durationText', 'no', 'slack.fileHeading'],
      nl: ['moderatorTag', 'showLabels.coaches', 'recordingFormats.video', 'reportRoles.MODERATOR', 'slack.fileHeading'],
      fr: ['durationText', 'recordingFormats.notes'],
    };
    const same = new Set([...technical, ...(sameWord[lang] ?? [])]);
    const flat = flatten(catalogues[lang]);
    const untranslated = [...en].filter(([k, s]) => !same.has(k) && flat.get(k) === s).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });
});

describe('plurals and numbers', () => {
  it('every language writes any count with its own digits and plural form (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.nat(1_000_000), fc.nat(50), (lang, people, moderators) => {
        const t = messages(lang);
        const n = new Intl.NumberFormat(LOCALES[lang]).format(people);
        const summary = t.meetingSummary('A', 's', 'e', 'd', people);
        expect(summary).toContain(n);
        expect(summary).not.toMatch(/[{}#]/);
        const status = t.statusRunning('A', 5, people, moderators, true);
        expect(status).toContain(`${n} `);
        expect(status).not.toMatch(/[{}#]/);
      }),
      { numRuns: 300 },
    );
  });

  it('chooses the plural form of the count', () => {
    expect(messages('en').statusRunning('A', 3, 1, 2, false)).toBe('A: running for 3 min, 1 participant (2 moderators), not recorded.');
    expect(messages('es').statusRunning('A', 3, 2, 1, true)).toBe('A: en marcha desde hace 3 min, 2 participantes (1 moderador), se está grabando.');
    expect(messages('nl').meetingSummary('A', 's', 'e', '5 min', 1)).toContain('1 persoon heeft deelgenomen');
    expect(messages('fr').meetingSummary('A', 's', 'e', '5 min', 0)).toContain('0 personne a participé'); // French: 0 is singular
    expect(messages('fr').durationText(125)).toBe('2 h 5 min');
    expect(messages('nl').durationText(60)).toBe('1 u');
  });
});
