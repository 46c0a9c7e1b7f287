// "Is this reply still English?": phrases of three words or more from the English catalogue.
// (No phrase of English is in the es/nl/fr catalogues today; if one ever must be, allow it here.)
import { catalogues, flatten } from '../../src/i18n/catalogue.ts';
import type { Language } from '../../src/core/model.ts';
import { literalsOf } from './icu.ts';

function phrases(lang: Language): Set<string> {
  const out = new Set<string>();
  for (const source of flatten(catalogues[lang]).values()) {
    for (const lit of literalsOf(source)) {
      for (const piece of lit.split(/[.:;()\n]|, /)) {
        const p = piece.trim();
        if (p.split(/\s+/).filter((w) => /^[A-Za-z']+$/.test(w)).length >= 3) out.add(p);
      }
    }
  }
  return out;
}

const english = [...phrases('en')];

/** The English phrases in a text. */
export function englishIn(text: string): string[] {
  return english.filter((p) => text.includes(p));
}
