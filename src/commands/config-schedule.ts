// `config schedule add <days|date> <HH:MM> <duration>`, `config schedule remove <id>`,
// `config schedule clear`: the timetable of this room's course (and group).
import type { Command, CommandContext } from './context.ts';
import { refusal, roomCourse, toUser } from './context.ts';
import { parseSlot, type Problem } from '../core/schedule/parse.ts';
import { slotText } from '../core/schedule/format.ts';

export const configScheduleAdd: Command = {
  path: ['config', 'schedule', 'add'],
  usage: 'config schedule add <mon,wed|YYYY-MM-DD> <HH:MM> <duration>',
  who: 'admin',
  async run(ctx, args) {
    const room = linkedRoom(ctx);
    if (!room) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    const parsed = parseSlot(args.words);
    if (!parsed.ok) return [refusal(ctx.t.schedule.badSlot(parsed.problems.map((p) => problemText(ctx, p)).join('; '), ctx.prefix))];
    const slot = ctx.store.schedules.add(room.course.code, room.group, parsed.spec, Date.now());
    return [toUser(ctx.t.schedule.added(room.label, slot.id, slotText(ctx.t, slot)))];
  },
};

export const configScheduleRemove: Command = {
  path: ['config', 'schedule', 'remove'],
  usage: 'config schedule remove <id>',
  who: 'admin',
  async run(ctx, args) {
    const room = linkedRoom(ctx);
    if (!room) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    const [id, ...extra] = args.words;
    if (!id || extra.length > 0 || !/^\d{1,9}$/.test(id)) return [refusal(ctx.t.schedule.badId(ctx.prefix))];
    if (!ctx.store.schedules.remove(room.course.code, room.group, Number(id))) return [refusal(ctx.t.schedule.notFound(room.label, id, ctx.prefix))];
    return [toUser(ctx.t.schedule.removed(room.label, Number(id)))];
  },
};

export const configScheduleClear: Command = {
  path: ['config', 'schedule', 'clear'],
  usage: 'config schedule clear',
  who: 'admin',
  async run(ctx) {
    const room = linkedRoom(ctx);
    if (!room) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    return [toUser(ctx.t.schedule.cleared(room.label, ctx.store.schedules.clear(room.course.code, room.group)))];
  },
};

function problemText(ctx: CommandContext, p: Problem): string {
  const s = ctx.t.schedule;
  if (p.part === 'count') return s.badCount;
  return p.part === 'day' ? s.badDay(p.word) : p.part === 'time' ? s.badTime(p.word) : s.badDuration(p.word);
}

/** Admins run `config` anywhere; the timetable needs a linked room. */
function linkedRoom(ctx: CommandContext): ReturnType<typeof roomCourse> | undefined {
  return ctx.course && ctx.link ? roomCourse(ctx) : undefined;
}
