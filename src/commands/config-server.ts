// config server | show | check-admin. `config server` repeats no argument it rejects (either may
// be the secret); a URL it accepted as well-formed is shown in its normalised form only.
import type { Command, CommandContext } from './context.ts';
import { scopesLine } from './config-global.ts';
import { refusal, toUser } from './context.ts';
import { ServerCheckError } from '../core/errors.ts';
import { classroomLines } from './config-classroom.ts';
import { scheduleLines } from './config-schedule-set.ts';
import { courseScope } from '../core/scope.ts';

export const configServer: Command = {
  path: ['config', 'server'],
  usage: 'config server <url> <secret>',
  who: 'admin',
  async run(ctx, args) {
    const [url, secret, ...rest] = args.words;
    if (!url || !secret || rest.length > 0) {
      return [refusal(ctx.t.usage(ctx.prefix, 'config server', this.usage))];
    }
    // Secrets only where nobody else reads them: a DM, the Slack modal (sent as DM), or the terminal.
    if (ctx.inv.platform !== 'console' && !ctx.inv.room.isDirect) {
      return [refusal(ctx.t.configSecretNotHere(ctx.prefix), 'secret')];
    }
    try {
      const { apiBase, version } = await ctx.conference.verifyServer(url, secret);
      ctx.store.settings.setServer({ url: apiBase, secret });
      ctx.log.info('BBB server saved', { url: apiBase, by: `${ctx.inv.platform}:${ctx.inv.user.id}` });
      return [toUser(ctx.t.configServerSaved(apiBase, version))];
    } catch (err) {
      if (!(err instanceof ServerCheckError)) throw err;
      switch (err.kind) {
        case 'bad-url': // never echo it: swapped arguments put the secret here
          return [refusal(isHttpUrl(secret) ? ctx.t.configServerArgsSwapped(ctx.prefix) : ctx.t.configServerUrlInvalid, 'url')];
        case 'unreachable':
          return [refusal(ctx.t.configServerUnreachable(err.detail), 'url')];
        case 'not-bbb':
          return [refusal(ctx.t.configServerNotBbb(err.detail), 'url')];
        case 'wrong-secret':
          return [refusal(ctx.t.configServerWrongSecret, 'secret')];
      }
    }
  },
};

function isHttpUrl(word: string): boolean {
  return /^https?:\/\//i.test(word);
}

export const configShow: Command = {
  path: ['config', 'show'],
  usage: 'config show',
  who: 'admin',
  async run(ctx) {
    return [toUser(ctx.t.configShow(showLines(ctx).join('\n')))];
  },
};

function showLines(ctx: CommandContext): string[] {
  const t = ctx.t;
  const server = ctx.conference.server();
  const l = t.showLabels;
  const lines = [`${l.server}: ${server ? `${server.url} (${l.secretMasked})` : t.notSet}`];
  const admins = [...ctx.envAdmins].filter((a) => a.startsWith(`${ctx.inv.platform}:`)).map((a) => a.split(':').slice(1).join(':'));
  lines.push(`${l.admins}: ${[...new Set([...admins, ...ctx.store.roles.admins(ctx.inv.platform)])].join(', ') || t.none}`);
  lines.push(scopesLine(ctx));
  if (!ctx.course || !ctx.link) {
    lines.push(t.helpNotLinked);
    return lines;
  }
  const c = ctx.course;
  const members = ctx.store.roles.members(c.code);
  const names = (role: string) => members.filter((m) => m.role === role).map((m) => m.displayName ?? m.userId).join(', ') || t.none;
  lines.push(
    `${l.room}: ${t.courseLabel(c.title, c.code, ctx.link.group)}`,
    `${l.teachers}: ${names('teacher')}`,
    `${l.coaches}: ${names('coach')}`,
    `record: ${c.record ? t.on : t.off}`,
    `max-participants: ${c.maxParticipants ?? t.none}`,
    `duration: ${c.durationMinutes ?? t.defaultValue(String(ctx.defaults.durationMinutes))} ${l.minutes}`,
    `welcome: ${c.welcome ?? t.notSet}`,
    `join-policy: ${c.joinPolicy}`,
    `language: ${c.language ?? t.defaultValue(ctx.defaults.language)}`,
    ...classroomLines(ctx, c),
    ...scheduleLines(ctx, courseScope(c.code)),
  );
  return lines;
}

/** Used by the Slack adapter before it opens the config modal. */
export const configCheckAdmin: Command = {
  path: ['config', 'check-admin'],
  usage: 'config check-admin',
  who: 'admin',
  hidden: true,
  async run(ctx) {
    return [toUser(ctx.t.configCheckAdminOk)];
  },
};
