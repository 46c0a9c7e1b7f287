// Every catalogue has exactly English's keys, the same ICU arguments, valid syntax, and formats.
import { describe, expect, it } from 'vitest';
import { catalogues, flatten, formatter, type MessageKey } from '../../src/i18n/catalogue.ts';
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
