// `global start|join|notify|status|end|recordings|report|schedule [ics]`: the global conference,
// from any room the bot is in and from a DM; no course link needed. Who may do what: core/scope-policy.ts.
import type { Command, CommandContext } from './context.ts';
import { refusal } from './context.ts';
import { globalTarget, person } from './target.ts';
import { startReplies } from './start.ts';
import { joinReply } from './join.ts';
import { notifyReplies } from './notify.ts';
import { statusReplies } from './status.ts';
import { endReplies } from './end.ts';
import { recordingsReplies } from './recordings.ts';
import { reportReplies } from './report.ts';
import { globalTimetable, icsReplies, nextClassWhen, scheduleReplies } from './schedule.ts';
import { GLOBAL } from '../core/scope.ts';
import { globalEnabled, globalStarters, mayStart } from '../core/scope-policy.ts';
import type { Parsed } from '../core/tokens.ts';
import type { Reply } from '../core/types.ts';

/** Why this user may not: the conference is off, or only its starters may. */
function refuse(ctx: CommandContext, moderatorOnly: boolean): Reply | undefined {
  if (!globalEnabled(ctx.store)) return refusal(ctx.t.rooms.globalOff(ctx.prefix, ctx.role === 'admin'));
  if (moderatorOnly && !mayStart(ctx.store, GLOBAL, person(ctx)).ok) return refusal(ctx.t.rooms.globalOnlyStarters(globalStarters(ctx.store) === 'teachers'));
  return undefined;
}

function globalCommand(word: string, moderatorOnly: boolean, run: (ctx: CommandContext, args: Parsed) => Promise<Reply[]>, extraUsage = '', sub?: string): Command {
  const path = sub ? ['global', word, sub] : ['global', word];
  return {
    path,
    usage: `${path.join(' ')}${extraUsage}`,
    who: 'anyone',
    shownTo: (ctx) => refuse(ctx, moderatorOnly) === undefined,
    async run(ctx, args) {
      const no = refuse(ctx, moderatorOnly);
      return no ? [no] : run(ctx, args);
    },
  };
}

export const globalCommands: Command[] = [
  globalCommand('start', true, (ctx) => startReplies(ctx, globalTarget(ctx))),
  globalCommand('join', false, async (ctx) => [await joinReply(ctx, globalTarget(ctx), true)]),
  globalCommand('notify', false, (ctx) => notifyReplies(ctx, globalTarget(ctx))),
  globalCommand('status', false, async (ctx) => (await statusReplies(ctx, globalTarget(ctx))).map((r) => ({ ...r, text: withNextGlobalClass(ctx, r.text) }))),
  globalCommand('end', true, (ctx) => endReplies(ctx, globalTarget(ctx))),
  globalCommand('recordings', true, (ctx, args) => recordingsReplies(ctx, globalTarget(ctx), args), ' [N]'),
  globalCommand('schedule', false, async (ctx) => scheduleReplies(ctx, globalTimetable(ctx))),
  globalCommand('schedule', false, async (ctx) => icsReplies(ctx, globalTimetable(ctx)), '', 'ics'),
  globalCommand('report', true, (ctx, args) => reportReplies(ctx, globalTarget(ctx), args, 'global'), ' [last|YYYY-MM-DD] [--csv|--detail]'),
];

/** A text with the global conference's next scheduled class after it, when there is one (`global status`, help). */
export function withNextGlobalClass(ctx: CommandContext, text: string): string {
  const when = nextClassWhen(ctx, GLOBAL);
  return when ? `${text}\n${ctx.t.globalSchedule.nextClass(when)}` : text;
}
