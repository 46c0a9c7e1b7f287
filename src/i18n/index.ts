// Messages in the user's language. The words are in locales/<language>.json (ICU MessageFormat);
// `messages(language)` gives the typed facade (messages.ts) over one catalogue.
import { formatter, catalogues } from './catalogue.ts';
import { buildMessages, type Messages } from './messages.ts';
import { LANGUAGES, type Language } from '../core/model.ts';

const built = new Map<Language, Messages>();

export function messages(language: Language | null | undefined): Messages {
  const lang = language ?? 'en';
  let m = built.get(lang);
  if (!m) built.set(lang, (m = buildMessages(formatter(lang))));
  return m;
}

/** The languages that have a catalogue, in the order help and refusals list them. */
export const AVAILABLE: readonly Language[] = LANGUAGES.filter((l) => catalogues[l] !== undefined);

/** `es`, `es-ES`, `es_419`, `NL` -> an available language; undefined otherwise. */
export function parseLanguage(value: string | null | undefined): Language | undefined {
  const base = value?.trim().toLowerCase().split(/[-_]/)[0];
  return AVAILABLE.find((l) => l === base);
}

export { LOCALES } from './catalogue.ts';
export type { Messages };
