// The schedule options of `config set` and `config global set`: timezone, reminder, auto-start,
// auto-end (kept in schedule_settings, per course or scope; they apply from the scheduler's next minute).
import { z } from 'zod';
import type { CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import type { MeetingScope } from '../core/scope.ts';
import type { Reply } from '../core/types.ts';
import type { ScheduleSettings } from '../core/schedule/model.ts';
import { isTimeZone } from '../core/schedule/occurrences.ts';

const onOff = z.enum(['on', 'off', 'true', 'false', 'yes', 'no']).transform((v) => ['on', 'true', 'yes'].includes(v));

const OPTIONS: Record<string, z.ZodType<Partial<ScheduleSettings>>> = {
  timezone: z.union([
    z.literal('default').transform(() => ({ timeZone: null })),
    z.string().refine(isTimeZone).transform((timeZone) => ({ timeZone: canonicalZone(timeZone) })),
  ]),
  reminder: z.union([
    z.literal('off').transform(() => ({ reminderMinutes: 0 })),
    z.coerce.number().int().min(1).max(1440).transform((reminderMinutes) => ({ reminderMinutes })),
  ]),
  'auto-start': onOff.transform((autoStart) => ({ autoStart })),
  'auto-end': onOff.transform((autoEnd) => ({ autoEnd })),
};

export const SCHEDULE_OPTION_NAMES = Object.keys(OPTIONS);

export function isScheduleOption(name: string): boolean {
  return name in OPTIONS;
}

/** Sets a schedule option of a scope (a course's apply to all its groups); `label` names it in the answer. */
export function setScheduleOption(ctx: CommandContext, scope: MeetingScope, label: string, name: string, raw: string): Reply[] {
  const parsed = OPTIONS[name]!.safeParse(name === 'timezone' ? raw : raw.toLowerCase());
  if (!parsed.success) return [refusal(ctx.t.badOptionValue(name, ctx.t.schedule.expected[name] ?? ''))];
  const saved = ctx.store.schedules.setSettings(scope, parsed.data);
  const shown = name === 'timezone' ? (saved.timeZone ?? ctx.t.defaultValue(ctx.timeZone)) : raw;
  return [toUser(ctx.t.optionSet(name, shown, label))];
}

/** `europe/madrid` is accepted; the zone is kept as the IANA database spells it. */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

/** The schedule options as `config show` lists them. */
export function scheduleLines(ctx: CommandContext, scope: MeetingScope): string[] {
  const s = ctx.store.schedules.settings(scope);
  return [
    `timezone: ${s.timeZone ?? ctx.t.defaultValue(ctx.timeZone)}`,
    `reminder: ${s.reminderMinutes > 0 ? `${s.reminderMinutes} ${ctx.t.showLabels.minutes}` : ctx.t.off}`,
    `auto-start: ${s.autoStart ? ctx.t.on : ctx.t.off}`,
    `auto-end: ${s.autoEnd ? ctx.t.on : ctx.t.off}`,
  ];
}
