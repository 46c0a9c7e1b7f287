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
import { parseOptions } from './core/tokens.ts';
import { RateLimiter, type RateLimitOptions } from './core/rate-limit.ts';
import { BbbApiError, BbbError, BbbResponseTooLargeError } from './bbb/errors.ts';
import { messages, type Messages } from './i18n/index.ts';
import { roomLanguage, userLanguage, type LanguageChoice } from './i18n/choose.ts';
import type { Logger } from './log.ts';
import type { CommandContext, CommandEvents } from './commands/context.ts';
import { refusal } from './commands/context.ts';
import { allowed, commandOf, refusalFor } from './commands/registry.ts';
import { outcomeOf, startAudit, type Audit, type Outcome } from './audit.ts';

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
  /** Told about every command once answered (metrics). */
  onCommand?: (command: string, outcome: Outcome, seconds: number) => void;
  /** Per-user command limits (default a burst of 20, then 1 a second, per user and platform; admins too). */
  rateLimit?: RateLimitOptions;
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
  const limiter = new RateLimiter(deps.rateLimit);

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

  function contextFor(inv: Invocation, log: Logger = deps.log): CommandContext {
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
      log,
      timeZone: deps.timeZone ?? 'UTC',
      defaults: { durationMinutes: deps.defaultDurationMinutes ?? 300, language: deps.language },
      events,
    };
  }

  /** Runs one command; `audit` learns the command's words and how it went (never its arguments). */
  async function dispatch(inv: Invocation, ctx: CommandContext, audit: Audit): Promise<Reply[]> {
    const { t, prefix } = ctx;
    const verdict = limiter.take(`${inv.platform}:${inv.user.id}`);
    if (!verdict.ok) {
      if (verdict.first) audit.log.info('commands rate-limited', { platform: inv.platform, user: inv.user.id });
      return audit.set('rate-limited', [refusal(t.rateLimited(Math.ceil(verdict.retryInMs / 1000)))]);
    }
    const { tokens, found } = commandOf(inv.text);
    if (!found) return audit.set('unknown-command', [refusal(t.unknownCommand(prefix, shownWord(tokens[0])))]);
    audit.command = found.command.path.join(' ');
    if (!allowed(ctx, found.command)) return audit.set('refused', [refusalFor(ctx, found.command)]);
    try {
      const replies = await found.command.run(ctx, parseOptions(found.rest, found.command.valueOptions));
      return audit.set(replies.some((r) => r.error) ? 'user-error' : 'ok', replies);
    } catch (err) {
      return audit.set(outcomeOf(err), [explain(err, t, prefix, audit.log, inv)]);
    }
  }

  async function handle(inv: Invocation): Promise<Reply[]> {
    const audit = startAudit(deps.log, inv, deps.onCommand);
    try {
      if (inv.user.locale) deps.store.userLanguages.seeLocale(inv.platform, inv.user.id, inv.user.locale);
      const ctx = contextFor(inv, audit.log);
      const replies = await dispatch(inv, ctx, audit);
      // Tell the adapter each reply's language, for the words it adds itself.
      return replies.map((r) => (r.language ? r : { ...r, language: (r.audience === 'room' ? ctx.tRoom : ctx.t).language }));
    } finally {
      audit.done();
    }
  }

  return {
    handle,
    attachMessenger: (m) => void messengers.set(m.platform, m),
    state: deps.store.state,
    languageFor,
    roomReplyPosted(platform, roomId, reply, ref) {
      const meetingRowId = reply.topic?.event === 'meeting-ended' ? reply.topic.summaryOf : undefined;
      if (meetingRowId === undefined) return;
      try {
        deps.store.analytics.summaryMessage(meetingRowId, platform, roomId, ref);
      } catch (err) {
        // The message is posted all the same: a later correction then follows up instead of editing.
        deps.log.warn('could not keep where a summary was posted', { platform, room: roomId, error: err });
      }
    },
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
  if (err instanceof BbbResponseTooLargeError) {
    log.warn('BBB answer too large', { call: err.call, limitBytes: err.limitBytes });
    return refusal(t.bbbTooLarge);
  }
  if (err instanceof BbbError) {
    log.warn('BBB unavailable', { error: err.message });
    return refusal(t.bbbUnreachable);
  }
  const ref = randomBytes(2).toString('hex');
  log.error(`command failed (ref ${ref})`, { error: err, platform: inv?.platform, room: inv?.room.id, text: inv?.text.split(' ')[0] });
  return refusal(t.somethingWentWrong(ref));
}

/** An unknown first word is echoed only when it looks like a word: a quoted "config server URL SECRET" is not repeated. */
function shownWord(word: string | undefined): string {
  return word !== undefined && /^[\p{L}\p{N}_-]{1,24}$/u.test(word) ? word : '…';
}
