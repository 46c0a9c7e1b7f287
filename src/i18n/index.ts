// Message catalogues, one file per language. Only English is written so far; the other
// languages fall back to it until their file exists.
import { en, type Messages } from './en.ts';
import type { Language } from '../core/model.ts';

const catalogues: Partial<Record<Language, Messages>> = { en };

export function messages(language: Language | null | undefined): Messages {
  return (language && catalogues[language]) || en;
}

export function hasCatalogue(language: Language): boolean {
  return catalogues[language] !== undefined;
}

export type { Messages };
