// language [es|nl|fr|en|auto]: the language the bot speaks to this user, across rooms.
import type { Command } from './context.ts';
import { refusal, toUser } from './context.ts';
import { AVAILABLE, messages, parseLanguage } from '../i18n/index.ts';
import { userLanguage } from '../i18n/choose.ts';

export const language: Command = {
  path: ['language'],
  usage: `language [${AVAILABLE.join('|')}|auto]`,
  who: 'anyone',
  async run(ctx, args) {
    const { platform, user } = ctx.inv;
    const list = AVAILABLE.join(', ');
    const [value] = args.words;
    if (!value) {
      const name = ctx.t.languageNames[ctx.language.language] ?? ctx.language.language;
      return [toUser(ctx.t.languageIs(ctx.prefix, name, ctx.language.source, AVAILABLE.join('|')))];
    }
    if (value.toLowerCase() === 'auto') {
      ctx.store.userLanguages.choose(platform, user.id, null);
      const saved = ctx.store.userLanguages.get(platform, user.id);
      const now = userLanguage({ chosen: null, locale: user.locale ?? saved.locale, course: ctx.course?.language, fallback: ctx.defaults.language });
      const t = messages(now.language);
      return [toUser(t.languageAuto(t.languageNames[now.language] ?? now.language))];
    }
    const chosen = parseLanguage(value);
    if (!chosen || chosen !== value.toLowerCase()) return [refusal(ctx.t.languageUnknown(value, list))];
    ctx.store.userLanguages.choose(platform, user.id, chosen);
    const t = messages(chosen); // answer in the language just chosen
    return [toUser(t.languageSet(ctx.prefix, t.languageNames[chosen] ?? chosen))];
  },
};
