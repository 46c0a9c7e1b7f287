// `config global on|off`, `config global starters admins|teachers`, `config global announce here|off`,
// `config global set <option> <value>` (the options of `config set`, but language; the schedule
// options set the global timetable's settings). `config global schedule …`: config-schedule.ts.
import type { Command, CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import { OPTIONS } from './config-set.ts';
import { CLASSROOM_OPTION_NAMES } from './config-classroom.ts';
import { isScheduleOption, SCHEDULE_OPTION_NAMES, setScheduleOption } from './config-schedule-set.ts';
import { classroomOption, parseClassroomValue } from '../core/classroom.ts';
import { GLOBAL, scopeKey } from '../core/scope.ts';
import { GLOBAL_STARTERS, globalEnabled, globalStarters, personalRooms } from '../core/scope-policy.ts';
import type { Reply } from '../core/types.ts';
import type { CourseOptions } from '../store/courses.ts';

const KEY = scopeKey(GLOBAL);
const SETTABLE = [...Object.keys(OPTIONS).filter((n) => n !== 'language'), ...CLASSROOM_OPTION_NAMES, ...SCHEDULE_OPTION_NAMES];

/** A parsed course option as the text the scope settings keep (null: back to the default). */
function asText(parsed: CourseOptions): string | null {
  const [value] = Object.values(parsed) as unknown[];
  return value === null || value === undefined ? null : String(value);
}

function setOption(ctx: CommandContext, name: string | undefined, raw: string): Reply[] {
  const usage = ctx.t.usage(ctx.prefix, 'config global', configGlobal.usage);
  if (!name || !raw) return [refusal(usage)];
  if (!SETTABLE.includes(name)) return [refusal(ctx.t.unknownOption(name, SETTABLE.join(', ')))];
  if (isScheduleOption(name)) return setScheduleOption(ctx, GLOBAL, ctx.t.rooms.globalLabel, name, raw);
  const classroom = classroomOption(name);
  let value: string | null | undefined;
  if (classroom) value = parseClassroomValue(classroom, raw);
  else {
    const parsed = OPTIONS[name]!.schema.safeParse(name === 'welcome' ? raw : raw.toLowerCase());
    value = parsed.success ? asText(parsed.data) : undefined;
  }
  if (value === undefined) return [refusal(ctx.t.badOptionValue(name, ctx.t.rooms.badGlobalValue))];
  ctx.store.scopes.set(KEY, name, value);
  return [toUser(`${ctx.t.optionSet(name, raw, ctx.t.rooms.globalLabel)} ${ctx.t.optionAppliesNext}`)];
}

export const configGlobal: Command = {
  path: ['config', 'global'],
  usage: `config global on|off | starters ${GLOBAL_STARTERS.join('|')} | announce here|off | set <${SETTABLE.join('|')}> <value>`,
  who: 'admin',
  async run(ctx, args) {
    const [what, value, ...rest] = args.words;
    const usage = [refusal(ctx.t.usage(ctx.prefix, 'config global', this.usage))];
    const here = { platform: ctx.inv.platform, roomId: ctx.inv.room.id };
    switch (what) {
      case 'on':
      case 'off':
        if (value !== undefined) return usage;
        ctx.store.scopes.set(KEY, 'enabled', String(what === 'on'));
        return [toUser(ctx.t.rooms.globalSwitched(what === 'on', ctx.prefix))];
      case 'starters':
        if (value !== 'admins' && value !== 'teachers' || rest.length) return usage;
        ctx.store.scopes.set(KEY, 'starters', value);
        return [toUser(ctx.t.rooms.globalStartersSet(value === 'teachers'))];
      case 'announce':
        if (value !== 'here' && value !== 'off' || rest.length) return usage;
        ctx.store.scopes.setAnnounce(KEY, here, value === 'here', ctx.inv.user.id);
        return [toUser(ctx.t.rooms.globalAnnounceSet(value === 'here'))];
      case 'set':
        return setOption(ctx, value, rest.join(' '));
      default:
        return usage;
    }
  },
};

/** The `config show` line of the global conference and personal rooms. */
export function scopesLine(ctx: CommandContext): string {
  const settings = [...ctx.store.scopes.settings(KEY)].filter(([n]) => SETTABLE.includes(n)).map(([n, v]) => `${n}=${v}`).join(', ');
  const rooms = ctx.store.scopes.announceRooms(KEY).length;
  return ctx.t.rooms.showLine(globalEnabled(ctx.store), globalStarters(ctx.store) === 'teachers', rooms, settings, personalRooms(ctx.store));
}
