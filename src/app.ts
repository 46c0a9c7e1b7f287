// createApp: the only way into the core. Adapters call handle(invocation) and render the replies.
import { randomBytes } from 'node:crypto';
import type { App, Invocation, Messenger, Platform, Reply } from './core/types.ts';
import type { Course, RoomLink } from './core/model.ts';
import type { Store } from './store/index.ts';
import type { ConferenceService } from './core/conference.ts';
import { MeetingClosingError } from './core/conference.ts';
import { NoServerError, UserError } from './core/errors.ts';
import type { Language } from './core/model.ts';
import { resolveRole } from './core/roles.ts';
import { parseOptions, tokenize } from './core/tokens.ts';
import { BbbApiError, BbbError } from './bbb/errors.ts';
import { messages, type Messages } from './i18n/index.ts';
import { roomLanguage, userLanguage, type LanguageChoice } from './i18n/choose.ts';
import type { Logger } from './log.ts';
import type { CommandContext, CommandEvents } from './commands/context.ts';
import { refusal } from './commands/context.ts';
import { allowed, findCommand, refusalFor } from './commands/registry.ts';

export interface AppDeps {
  store: Store;
  conference: ConferenceService;
  log: Logger;
  envAdmins: ReadonlySet<string>;
  language: Language;
  prefixes: Record<Platform, string>;
  events?: Partial<CommandEvents>;
  /** BOT_TIMEZONE; default UTC. */
  timeZone?: string;
  defaultDurationMinutes?: number;
}

export interface CoreApp extends App {
  messengers: Map<Platform, Messenger>;
  deps: AppDeps;
  contextFor(inv: Invocation): CommandContext;
}

const noEvents: CommandEvents = {
  async meetingStarted() {},
  linkGiven() {},
  async meetingEnded() {
    return [];
  },
};

export function createApp(deps: AppDeps): CoreApp {
  const messengers = new Map<Platform, Messenger>();
  const events: CommandEvents = { ...noEvents, ...deps.events };

  /** What a command sees for this invocation (also used to compute notify-me links for a waiting user). */
  function roomOf(platform: Platform, roomId: string): { link: RoomLink | undefined; course: Course | undefined } {
    const link = deps.store.rooms.get(platform, roomId);
    return { link, course: link ? deps.store.courses.get(link.courseCode) : undefined };
  }

  function languageOf(platform: Platform, course: Course | undefined, user: { id: string; locale?: string }): LanguageChoice {
    const saved = deps.store.userLanguages.get(platform, user.id);
    return userLanguage({ chosen: saved.chosen, locale: user.locale ?? saved.locale, course: course?.language, fallback: deps.language });
  }

  function languageFor(platform: Platform, roomId: string, user?: { id: string; locale?: string }): Language {
    const { course } = roomOf(platform, roomId);
    return user ? languageOf(platform, course, user).language : roomLanguage(course?.language, deps.language).language;
  }

  function contextFor(inv: Invocation): CommandContext {
    const { link, course } = roomOf(inv.platform, inv.room.id);
    const language = languageOf(inv.platform, course, inv.user);
    return {
      inv, link, course, language,
      t: messages(language.language),
      tRoom: messages(roomLanguage(course?.language, deps.language).language),
      prefix: deps.prefixes[inv.platform],
      role: resolveRole(deps.store, deps.envAdmins, inv.platform, inv.user, link),
      store: deps.store,
      conference: deps.conference,
      envAdmins: deps.envAdmins,
      log: deps.log,
      timeZone: deps.timeZone ?? 'UTC',
      defaults: { durationMinutes: deps.defaultDurationMinutes ?? 300, language: deps.language },
      events,
    };
  }

  async function handle(inv: Invocation): Promise<Reply[]> {
    if (inv.user.locale) deps.store.userLanguages.seeLocale(inv.platform, inv.user.id, inv.user.locale);
    const ctx = contextFor(inv);
    const { t, prefix } = ctx;
    const tokens = tokenize(inv.text);
    const found = findCommand(tokens.length ? tokens : ['help']);
    let replies: Reply[];
    if (!found) replies = [refusal(t.unknownCommand(prefix, tokens[0] ?? ''))];
    else if (!allowed(ctx, found.command)) replies = [refusalFor(ctx, found.command)];
    else {
      try {
        replies = await found.command.run(ctx, parseOptions(found.rest, found.command.valueOptions));
      } catch (err) {
        replies = [explain(err, t, prefix, deps.log, inv)];
      }
    }
    // Tell the adapter each reply's language, for the words it adds itself.
    return replies.map((r) => (r.language ? r : { ...r, language: (r.audience === 'room' ? ctx.tRoom : ctx.t).language }));
  }

  return {
    handle,
    attachMessenger: (m) => void messengers.set(m.platform, m),
    state: deps.store.state,
    languageFor,
    messengers,
    deps,
    contextFor,
  };
}

/** Turns a failure into a reply: user errors as written, BBB trouble in plain words, the rest with a reference. */
export function explain(err: unknown, t: Messages, prefix: string, log: Logger, inv?: Invocation): Reply {
  if (err instanceof UserError) return refusal(err.message, err.field ?? 'text');
  if (err instanceof NoServerError) return refusal(t.serverNotConfigured(prefix));
  if (err instanceof MeetingClosingError) return refusal(t.meetingStillClosing(''));
  if (err instanceof BbbApiError) {
    log.warn('BBB refused a call', { call: err.call, messageKey: err.messageKey });
    return refusal(err.messageKey === 'checksumError' ? t.bbbWrongSecret(prefix) : t.bbbRefused(err.messageKey));
  }
  if (err instanceof BbbError) {
    log.warn('BBB unavailable', { error: err.message });
    return refusal(t.bbbUnreachable);
  }
  const ref = randomBytes(2).toString('hex');
  log.error(`command failed (ref ${ref})`, { error: err, platform: inv?.platform, room: inv?.room.id, text: inv?.text.split(' ')[0] });
  return refusal(t.somethingWentWrong(ref));
}
