// The words Chamilo's users know (test/fixtures/i18n/glossary.json): each catalogue uses them,
// and keeps the register of a chat (tú in Spanish, je in Dutch, vous in French).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogues, flatten } from '../../src/i18n/catalogue.ts';

const glossary = JSON.parse(readFileSync(new URL('../fixtures/i18n/glossary.json', import.meta.url), 'utf8')) as Record<
  'es' | 'nl' | 'fr',
  { terms: string[]; avoid: string[] }
>;

describe.each(['es', 'nl', 'fr'] as const)('%s catalogue and the glossary', (lang) => {
  const text = [...flatten(catalogues[lang]).values()].join('\n');
  it('uses every glossary term', () => {
    expect(glossary[lang].terms.filter((term) => !text.includes(term))).toEqual([]);
  });
  it('keeps the register', () => {
    expect(glossary[lang].avoid.filter((word) => text.includes(word))).toEqual([]);
  });
});
