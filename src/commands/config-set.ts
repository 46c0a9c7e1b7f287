// config set <option> <value>: the course options of this room's course.
import { z } from 'zod';
import type { Command } from './context.ts';
import { refusal, toUser } from './context.ts';
import type { CourseOptions } from '../store/courses.ts';
import { LANGUAGES } from '../core/model.ts';
import { hasCatalogue } from '../i18n/index.ts';

interface OptionSpec {
  expected: string;
  schema: z.ZodType<CourseOptions>;
}

const onOff = z.enum(['on', 'off', 'true', 'false', 'yes', 'no']).transform((v) => ['on', 'true', 'yes'].includes(v));

const OPTIONS: Record<string, OptionSpec> = {
  record: { expected: 'on or off', schema: onOff.transform((record) => ({ record })) },
  'max-participants': {
    expected: 'a number from 1 to 10000, or none',
    schema: z
      .union([z.literal('none').transform(() => null), z.coerce.number().int().min(1).max(10_000)])
      .transform((maxParticipants) => ({ maxParticipants })),
  },
  duration: {
    expected: 'minutes from 0 (no limit) to 10080, or default',
    schema: z
      .union([z.literal('default').transform(() => null), z.coerce.number().int().min(0).max(10_080)])
      .transform((durationMinutes) => ({ durationMinutes })),
  },
  welcome: {
    expected: 'a text of at most 1000 characters, or none',
    schema: z
      .string()
      .min(1)
      .max(1000)
      .transform((w) => ({ welcome: w === 'none' ? null : w })),
  },
  'join-policy': {
    expected: 'started or moderator-present',
    schema: z.enum(['started', 'moderator-present']).transform((joinPolicy) => ({ joinPolicy })),
  },
  // Only languages whose messages are written (src/i18n/) can be chosen.
  language: {
    expected: LANGUAGES.filter(hasCatalogue).join(', '),
    schema: z
      .enum(LANGUAGES)
      .refine(hasCatalogue)
      .transform((language) => ({ language })),
  },
};

export const configSet: Command = {
  path: ['config', 'set'],
  usage: `config set <${Object.keys(OPTIONS).join('|')}> <value>`,
  who: 'admin',
  async run(ctx, args) {
    const [name, ...valueWords] = args.words;
    if (!name || valueWords.length === 0) return [refusal(ctx.t.usage(ctx.prefix, 'config set', this.usage))];
    const spec = OPTIONS[name];
    if (!spec) return [refusal(ctx.t.unknownOption(name, Object.keys(OPTIONS).join(', ')))];
    if (!ctx.course || !ctx.link) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    const raw = valueWords.join(' ');
    const parsed = spec.schema.safeParse(name === 'welcome' ? raw : raw.toLowerCase());
    if (!parsed.success) return [refusal(ctx.t.badOptionValue(name, spec.expected))];
    ctx.store.courses.update(ctx.course.code, parsed.data);
    const label = ctx.t.courseLabel(ctx.course.title, ctx.course.code, '');
    return [toUser(`${ctx.t.optionSet(name, raw, label)} ${ctx.t.optionAppliesNext}`)];
  },
};
