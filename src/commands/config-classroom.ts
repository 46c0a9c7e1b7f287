// The classroom options of `config set` (declared in core/classroom.ts) and their `config show` lines.
import type { CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import type { Course } from '../core/model.ts';
import { CLASSROOM_OPTIONS, TEXT_MAX, parseClassroomValue, type ClassroomOption } from '../core/classroom.ts';
import type { Reply } from '../core/types.ts';

export const CLASSROOM_OPTION_NAMES = CLASSROOM_OPTIONS.map((o) => o.name);

export function setClassroomOption(ctx: CommandContext, course: Course, option: ClassroomOption, raw: string): Reply[] {
  const value = parseClassroomValue(option, raw);
  if (value === undefined) {
    const expected = ctx.t.classroom.expected((option.choices ?? []).join(', '), TEXT_MAX[option.name] ?? 1000)[option.kind];
    return [refusal(ctx.t.badOptionValue(option.name, expected))];
  }
  ctx.store.classroom.setCourse(course.code, option.name, value);
  const shown = value === null ? (option.fallback ? ctx.t.defaultValue(option.fallback) : ctx.t.classroom.serverDefault) : raw.trim();
  const set = ctx.t.optionSet(option.name, shown, ctx.t.courseLabel(course.title, course.code, ''));
  return [toUser(`${set} ${option.at === 'join' ? ctx.t.classroom.appliesNextLink : ctx.t.optionAppliesNext}`)];
}

/** One line per classroom option, as `config show` lists the course's settings. */
export function classroomLines(ctx: CommandContext, course: Course): string[] {
  const stored = ctx.store.classroom.course(course.code);
  return CLASSROOM_OPTIONS.map((o) => `${o.name}: ${shownValue(ctx, o, stored.get(o.name))}`);
}

export function shownValue(ctx: CommandContext, o: ClassroomOption, value: string | undefined): string {
  if (value === undefined) return o.fallback ? ctx.t.defaultValue(o.fallback) : ctx.t.classroom.serverDefault;
  if (o.kind === 'flag') return value === 'true' ? ctx.t.on : ctx.t.off;
  return value;
}
