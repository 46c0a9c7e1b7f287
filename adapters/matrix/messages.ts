// The Matrix adapter's own words (DM pointers, the encrypted-room notice, the secret refusal),
// from the catalogues (locales/<language>.json, under "matrix"); the core writes the rest.
import type { Language } from '../../src/core/model.ts';
import { messages } from '../../src/i18n/index.ts';

export function matrixMessages(language: Language | undefined) {
  return messages(language).matrix;
}
