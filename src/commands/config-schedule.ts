// `config schedule add <days|date> <HH:MM> <duration>`, `config schedule remove <id>`,
// `config schedule clear`: the timetable of this room's course (and group). `config global
// schedule …`: the global conference's, from any room, with the same words and answers.
import type { Command, CommandContext } from './context.ts';
import { refusal, roomCourse, toUser } from './context.ts';
import { parseSlot, type Problem } from '../core/schedule/parse.ts';
import { slotText } from '../core/schedule/format.ts';
import { courseScope, GLOBAL, type MeetingScope } from '../core/scope.ts';
import type { Parsed } from '../core/tokens.ts';
import type { Reply } from '../core/types.ts';

interface Whose {
  scope: MeetingScope;
  label: string;
  /** The words before `schedule` that list this timetable: `/conference`, `/conference global`. */
  lister: string;
}

/** Admins run `config` anywhere; a course's timetable needs a linked room. */
function roomTimetable(ctx: CommandContext): Whose | Reply {
  if (!ctx.course || !ctx.link) return refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix));
  const { course, group, label } = roomCourse(ctx);
  return { scope: courseScope(course.code, group), label, lister: ctx.prefix };
}

const globalTimetable = (ctx: CommandContext): Whose => ({ scope: GLOBAL, label: ctx.t.rooms.globalLabel, lister: `${ctx.prefix} global` });

function add(ctx: CommandContext, w: Whose, args: Parsed): Reply[] {
  const parsed = parseSlot(args.words);
  if (!parsed.ok) return [refusal(ctx.t.schedule.badSlot(parsed.problems.map((p) => problemText(ctx, p)).join('; '), ctx.prefix))];
  const slot = ctx.store.schedules.add(w.scope, parsed.spec, Date.now());
  return [toUser(ctx.t.schedule.added(w.label, slot.id, slotText(ctx.t, slot)))];
}

function remove(ctx: CommandContext, w: Whose, args: Parsed): Reply[] {
  const [id, ...extra] = args.words;
  if (!id || extra.length > 0 || !/^\d{1,9}$/.test(id)) return [refusal(ctx.t.schedule.badId(ctx.prefix))];
  if (!ctx.store.schedules.remove(w.scope, Number(id))) return [refusal(ctx.t.schedule.notFound(w.label, id, w.lister))];
  return [toUser(ctx.t.schedule.removed(w.label, Number(id)))];
}

function clear(ctx: CommandContext, w: Whose): Reply[] {
  return [toUser(ctx.t.schedule.cleared(w.label, ctx.store.schedules.clear(w.scope)))];
}

const USAGE = { add: 'add <mon,wed|YYYY-MM-DD> <HH:MM> <duration>', remove: 'remove <id>', clear: 'clear' } as const;
const RUN = { add, remove, clear } as const;

function timetableCommand(global: boolean, word: keyof typeof USAGE): Command {
  const words = global ? ['config', 'global', 'schedule', word] : ['config', 'schedule', word];
  return {
    path: words,
    usage: `${words.slice(0, -1).join(' ')} ${USAGE[word]}`,
    who: 'admin',
    async run(ctx, args) {
      const w = global ? globalTimetable(ctx) : roomTimetable(ctx);
      return 'scope' in w ? RUN[word](ctx, w, args) : [w];
    },
  };
}

export const configScheduleAdd = timetableCommand(false, 'add');
export const configScheduleRemove = timetableCommand(false, 'remove');
export const configScheduleClear = timetableCommand(false, 'clear');
export const configGlobalSchedule = (['add', 'remove', 'clear'] as const).map((word) => timetableCommand(true, word));

function problemText(ctx: CommandContext, p: Problem): string {
  const s = ctx.t.schedule;
  if (p.part === 'count') return s.badCount;
  return p.part === 'day' ? s.badDay(p.word) : p.part === 'time' ? s.badTime(p.word) : s.badDuration(p.word);
}
