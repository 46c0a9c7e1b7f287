// The command table. Dispatch, permission checks, usage lines and help all come from it.
import type { Command, CommandContext } from './context.ts';
import { refusal, starterNames, toUser } from './context.ts';
import { start } from './start.ts';
import { join } from './join.ts';
import { end } from './end.ts';
import { status } from './status.ts';
import { configCheckAdmin, configServer, configShow } from './config-server.ts';
import { configLink, configUnlink } from './config-link.ts';
import { configAdmin, configTeacher } from './config-people.ts';
import { configSet } from './config-set.ts';
import { notify } from './notify.ts';
import { recordingsDelete, recordingsList, recordingsPublish, recordingsUnpublish } from './recordings.ts';
import { report } from './report.ts';
import { language } from './language.ts';
import { prefs } from './prefs.ts';
import { globalCommands, withNextGlobalClass } from './global.ts';
import { roomCommands } from './room.ts';
import { configGlobal } from './config-global.ts';
import { globalEnabled } from '../core/scope-policy.ts';
import { guest, guestList, guestRevoke } from './guest.ts';
import { scheduleIcs, scheduleList, withNextClass } from './schedule.ts';
import { configGlobalSchedule, configScheduleAdd, configScheduleClear, configScheduleRemove } from './config-schedule.ts';
import { isModerator } from '../core/roles.ts';
import type { Reply } from '../core/types.ts';
import { commandWord, tokenize } from '../core/tokens.ts';

const help: Command = {
  path: ['help'],
  usage: 'help',
  who: 'anyone',
  async run(ctx) {
    return [toUser(helpText(ctx))];
  },
};

const configHelp: Command = {
  path: ['config'],
  usage: 'config <server|show|link|unlink|teacher|admin|set|global|schedule> …',
  who: 'admin',
  async run(ctx) {
    const lines = commands.filter((c) => c.path[0] === 'config' && c.path.length > 1 && !c.hidden).map((c) => line(ctx, c));
    return [toUser(lines.join('\n'))];
  },
};

export const commands: Command[] = [
  help, start, join, end, status,
  notify, scheduleList, scheduleIcs, language, prefs, guest, guestList, guestRevoke, recordingsList, recordingsPublish, recordingsUnpublish, recordingsDelete, report,
  ...globalCommands, ...roomCommands,
  configHelp, configServer, configShow, configLink, configUnlink, configTeacher, configAdmin, configSet, configGlobal, configCheckAdmin,
  configScheduleAdd, configScheduleRemove, configScheduleClear, ...configGlobalSchedule,
];

/** The command selected by the leading words: the longest path that matches. */
export function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  const keys = words.map(commandWord);
  let best: Command | undefined;
  for (const c of commands) {
    if (c.path.every((w, i) => keys[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best && { command: best, rest: words.slice(best.path.length) };
}

/** What the core runs for a command text (app.handle asks this, and so does every secret guard). */
export function commandOf(text: string): { tokens: string[]; found: { command: Command; rest: string[] } | undefined } {
  const tokens = tokenize(text);
  return { tokens, found: findCommand(tokens.length ? tokens : ['help']) };
}

/**
 * True when the text runs `config server` with more than a lone server URL (`config server <url>`
 * carries nothing secret; anything else may): the core would receive a secret. Adapters refuse
 * such text outside a private place and redact it where they can. Decided by commandOf, so every
 * spelling that reaches `config server` with a secret is flagged.
 */
export function isSecretBearing(text: string): boolean {
  const { found } = commandOf(text);
  if (found?.command !== configServer) return false;
  const [first, ...more] = found.rest;
  return more.length > 0 || (first !== undefined && !/^https?:\/\/\S+$/i.test(first));
}

export function allowed(ctx: CommandContext, c: Command): boolean {
  switch (c.who) {
    case 'anyone':
      return true;
    case 'linked':
      return ctx.link !== undefined;
    case 'moderator':
      return ctx.link !== undefined && isModerator(ctx.role);
    case 'admin':
      return ctx.role === 'admin';
  }
}

/** Why the caller may not run the command: every refusal says why and what to do. */
export function refusalFor(ctx: CommandContext, c: Command): Reply {
  if (c.who === 'admin') return refusal(ctx.t.onlyAdmins);
  if (!ctx.link || !ctx.course) return refusal(ctx.role === 'admin' ? ctx.t.roomNotLinkedAdmin(ctx.prefix) : ctx.t.roomNotLinked);
  const label = ctx.t.courseLabel(ctx.course.title, ctx.course.code, ctx.link.group);
  return refusal(ctx.t.onlyModerators(label, starterNames(ctx, ctx.course.code)));
}

function line(ctx: CommandContext, c: Command): string {
  const key = c.path.join(' ');
  return `${ctx.prefix} ${c.usage}: ${ctx.t.summaries[key] ?? ctx.t.rooms.summaries[key] ?? ctx.t.globalSchedule.summaries[key] ?? ''}`;
}

export function helpText(ctx: CommandContext): string {
  const visible = commands.filter((c) => !c.hidden && allowed(ctx, c) && (c.shownTo?.(ctx) ?? true) && !(c.path[0] === 'config' && c.path.length > 1));
  const lines = [ctx.t.helpTitle(ctx.prefix), ...visible.map((c) => line(ctx, c))];
  if (ctx.role === 'admin') {
    lines.push(...commands.filter((c) => c.path[0] === 'config' && c.path.length > 1 && !c.hidden).map((c) => line(ctx, c)));
  }
  if (!ctx.link) lines.push(ctx.role === 'admin' ? ctx.t.roomNotLinkedAdmin(ctx.prefix) : ctx.t.roomNotLinked);
  else lines.push(ctx.t.roleLine(ctx.t.roleNames[ctx.role] ?? ctx.role, ctx.course ? ctx.t.courseLabel(ctx.course.title, ctx.course.code, ctx.link.group) : undefined));
  const text = withNextClass(ctx, lines.join('\n'));
  return globalEnabled(ctx.store) ? withNextGlobalClass(ctx, text) : text; // anyone may join it then
}
