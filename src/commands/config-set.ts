// config set <option> <value>: the course options of this room's course.
import { z } from 'zod';
import type { Command } from './context.ts';
import { refusal, toUser } from './context.ts';
import type { CourseOptions } from '../store/courses.ts';
import type { Language } from '../core/model.ts';
import { AVAILABLE, messages } from '../i18n/index.ts';
import { classroomOption } from '../core/classroom.ts';
import { CLASSROOM_OPTION_NAMES, setClassroomOption } from './config-classroom.ts';
import { setPersonalRooms } from './config-personal.ts';
import { isScheduleOption, SCHEDULE_OPTION_NAMES, setScheduleOption } from './config-schedule-set.ts';
import { courseScope } from '../core/scope.ts';

interface OptionSpec {
  schema: z.ZodType<CourseOptions>;
}

const onOff = z.enum(['on', 'off', 'true', 'false', 'yes', 'no']).transform((v) => ['on', 'true', 'yes'].includes(v));

/** The course options (`config global set` takes the same, but language). */
export const OPTIONS: Record<string, OptionSpec> = {
  record: { schema: onOff.transform((record) => ({ record })) },
  'max-participants': {
    schema: z
      .union([z.literal('none').transform(() => null), z.coerce.number().int().min(1).max(10_000)])
      .transform((maxParticipants) => ({ maxParticipants })),
  },
  duration: {
    schema: z
      .union([z.literal('default').transform(() => null), z.coerce.number().int().min(0).max(10_080)])
      .transform((durationMinutes) => ({ durationMinutes })),
  },
  welcome: {
    schema: z
      .string()
      .min(1)
      .max(1000)
      .transform((w) => ({ welcome: w === 'none' ? null : w })),
  },
  'join-policy': {
    schema: z.enum(['started', 'moderator-present']).transform((joinPolicy) => ({ joinPolicy })),
  },
  // Only languages with a catalogue (locales/) can be chosen.
  language: {
    schema: z.enum(AVAILABLE as [string, ...string[]]).transform((language) => ({ language: language as Language })),
  },
};

export const configSet: Command = {
  path: ['config', 'set'],
  usage: `config set <${[...Object.keys(OPTIONS), ...CLASSROOM_OPTION_NAMES, ...SCHEDULE_OPTION_NAMES, 'personal-rooms'].join('|')}> <value>`,
  who: 'admin',
  async run(ctx, args) {
    const [name, ...valueWords] = args.words;
    if (!name || valueWords.length === 0) return [refusal(ctx.t.usage(ctx.prefix, 'config set', this.usage))];
    const spec = OPTIONS[name];
    const classroom = classroomOption(name);
    const scheduled = isScheduleOption(name);
    if (!spec && !classroom && !scheduled && name !== 'personal-rooms') return [refusal(ctx.t.unknownOption(name, [...Object.keys(OPTIONS), ...CLASSROOM_OPTION_NAMES, ...SCHEDULE_OPTION_NAMES, 'personal-rooms'].join(', ')))];
    const raw = valueWords.join(' ');
    if (name === 'personal-rooms') return setPersonalRooms(ctx, raw); // installation-wide, any room
    if (!ctx.course || !ctx.link) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    if (scheduled) return setScheduleOption(ctx, courseScope(ctx.course.code), ctx.t.courseLabel(ctx.course.title, ctx.course.code, ''), name, raw);
    if (!spec) return setClassroomOption(ctx, ctx.course, classroom!, raw);
    const parsed = spec.schema.safeParse(name === 'welcome' ? raw : raw.toLowerCase());
    if (!parsed.success) return [refusal(ctx.t.badOptionValue(name, ctx.t.optionExpected(AVAILABLE.join(', '))[name] ?? ''))];
    ctx.store.courses.update(ctx.course.code, parsed.data);
    // A new course language applies at once: the answer is in it, unless the admin reads their own.
    const newLanguage = parsed.data.language;
    const ownLanguage = ctx.language.source === 'override' || ctx.language.source === 'platform';
    const t = newLanguage && !ownLanguage ? messages(newLanguage) : ctx.t;
    const set = t.optionSet(name, raw, t.courseLabel(ctx.course.title, ctx.course.code, ''));
    return [toUser(name === 'language' ? set : `${set} ${t.optionAppliesNext}`)];
  },
};
