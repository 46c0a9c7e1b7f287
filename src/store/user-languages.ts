// Per user: the language they chose (`language es`), and the locale their platform reported
// last (Slack users.info), so that messages sent later (notify-me) use it too.
import type { Db } from './db.ts';
import { CachedReads, freshnessOf } from './cached-reads.ts';
import type { Platform } from '../core/types.ts';

export interface UserLanguage {
  /** Set by `language <code>`; null after `language auto`. */
  chosen: string | null;
  /** As the platform said it, e.g. `es-ES`. */
  locale: string | null;
}

export class UserLanguageStore {
  /** Prepared once: every command reads it (a 9:00 burst of `join` does a thousand). */
  private readonly select;
  /** Read two or three times per command (seeLocale, the language of the answer): cached-reads.ts. */
  private readonly cache: CachedReads<UserLanguage>;

  constructor(private readonly db: Db) {
    this.select = db.prepare('SELECT chosen, locale FROM user_languages WHERE platform = ? AND user_id = ?');
    this.cache = new CachedReads(freshnessOf(db));
  }

  get(platform: Platform, userId: string): UserLanguage {
    return this.cache.get(`${platform}\n${userId}`, () => {
      const row = this.select.get(platform, userId) as UserLanguage | undefined;
      return row ?? { chosen: null, locale: null };
    });
  }

  choose(platform: Platform, userId: string, chosen: string | null): void {
    this.db
      .prepare('INSERT INTO user_languages (platform, user_id, chosen) VALUES (?, ?, ?) ON CONFLICT (platform, user_id) DO UPDATE SET chosen = excluded.chosen')
      .run(platform, userId, chosen);
  }

  /** Remembers the platform's locale; writes only when it changed. */
  seeLocale(platform: Platform, userId: string, locale: string): void {
    if (this.get(platform, userId).locale === locale) return;
    this.db
      .prepare('INSERT INTO user_languages (platform, user_id, locale) VALUES (?, ?, ?) ON CONFLICT (platform, user_id) DO UPDATE SET locale = excluded.locale')
      .run(platform, userId, locale);
  }
}
