// The catalogues: locales/<language>.json in ICU MessageFormat (nested keys, as Weblate and
// Crowdin read them), formatted with intl-messageformat. English is the reference: its keys
// are the only valid ones, and every other language has exactly the same keys and arguments
// (test/i18n/catalogues.test.ts).
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../../locales/en.json' with { type: 'json' };
import es from '../../locales/es.json' with { type: 'json' };
import nl from '../../locales/nl.json' with { type: 'json' };
import fr from '../../locales/fr.json' with { type: 'json' };
import type { Language } from '../core/model.ts';

type Tree = { readonly [key: string]: string | Tree };

/** "started", "slack.modal.title": every message key of the English catalogue. */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;
/** Groups of argument-less messages read as a table (roleNames, summaries, …). */
export type GroupKey = { [K in keyof typeof en]: (typeof en)[K] extends string ? never : K }[keyof typeof en];

export type ArgValue = string | number | Date;
export type Args = Record<string, ArgValue>;

export const catalogues: Record<Language, Tree> = { en, es, nl, fr };

/** `{ a: { b: 'x' } }` -> `{ 'a.b': 'x' }` */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

export interface Formatter {
  language: Language;
  format(key: MessageKey, args?: Args): string;
  /** The messages of one group, by their key in the group. */
  group(key: GroupKey): Record<string, string>;
}

/** Intl locale of a language (regional defaults: dates and numbers as users there write them). */
export const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES', nl: 'nl-NL', fr: 'fr-FR' };

export function formatter(language: Language): Formatter {
  const flat = flatten(catalogues[language]);
  const fallback = flatten(en);
  const compiled = new Map<string, IntlMessageFormat>();
  function format(key: MessageKey, args: Args = {}): string {
    let mf = compiled.get(key);
    if (!mf) {
      const source = flat.get(key) ?? fallback.get(key);
      if (source === undefined) throw new Error(`no message ${key}`);
      mf = new IntlMessageFormat(source, LOCALES[language], undefined, { ignoreTag: true });
      compiled.set(key, mf);
    }
    return String(mf.format(args));
  }
  function group(key: GroupKey): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of Object.keys(en[key])) out[k] = format(`${key}.${k}` as MessageKey);
    return out;
  }
  return { language, format, group };
}
