// Which language a message is in. Private replies: the user's choice (`language es`), else the
// language their platform reports (Slack locale), else the course's, else BOT_LANGUAGE.
// Room messages: the course's, else BOT_LANGUAGE.
import type { Language } from '../core/model.ts';
import { parseLanguage } from './index.ts';

export type LanguageSource = 'override' | 'platform' | 'course' | 'default';

export interface LanguageChoice {
  language: Language;
  source: LanguageSource;
}

export function userLanguage(o: { chosen: string | null; locale: string | null | undefined; course: Language | null | undefined; fallback: Language }): LanguageChoice {
  const chosen = parseLanguage(o.chosen);
  if (chosen) return { language: chosen, source: 'override' };
  const platform = parseLanguage(o.locale);
  if (platform) return { language: platform, source: 'platform' };
  return roomLanguage(o.course, o.fallback);
}

export function roomLanguage(course: Language | null | undefined, fallback: Language): LanguageChoice {
  return course ? { language: course, source: 'course' } : { language: fallback, source: 'default' };
}
