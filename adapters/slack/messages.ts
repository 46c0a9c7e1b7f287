// The Slack adapter's own words (buttons, notes, the config form), from the catalogues
// (locales/<language>.json, under "slack"); the core writes the rest.
import type { Language } from '../../src/core/model.ts';
import { messages } from '../../src/i18n/index.ts';

export function slackMessages(language: Language | undefined) {
  return messages(language).slack;
}
