// prefs [<option> on|off|default]: one user's client options (listen-only, ...), applied to that
// user's join links only, in every course; an unset preference follows the course's setting.
import type { Command } from './context.ts';
import { refusal, toUser } from './context.ts';
import { CLASSROOM_OPTIONS, parseClassroomValue } from '../core/classroom.ts';
import { shownValue } from './config-classroom.ts';

const PREFS = CLASSROOM_OPTIONS.filter((o) => o.at === 'join');
const NAMES = PREFS.map((o) => o.name);

export const prefs: Command = {
  path: ['prefs'],
  usage: `prefs [<${NAMES.join('|')}> on|off|default]`,
  who: 'anyone',
  async run(ctx, args) {
    const { platform, user } = ctx.inv;
    const [name, value, ...extra] = args.words;
    if (!name) {
      const mine = ctx.store.classroom.user(platform, user.id);
      const lines = PREFS.map((o) => {
        const v = mine.get(o.name);
        return `${o.name}: ${v === undefined ? ctx.t.classroom.courseSetting : shownValue(ctx, o, v)}`;
      });
      return [toUser([ctx.t.classroom.prefsTitle, ...lines, ctx.t.classroom.prefsHint(ctx.prefix, NAMES.join('|'))].join('\n'))];
    }
    const option = PREFS.find((o) => o.name === name.toLowerCase());
    if (!option) return [refusal(ctx.t.classroom.prefUnknown(name, NAMES.join(', ')))];
    const parsed = value === undefined || extra.length > 0 ? undefined : parseClassroomValue(option, value);
    if (parsed === undefined) {
      return [refusal(ctx.t.badOptionValue(option.name, ctx.t.classroom.expected('', 0).flag))];
    }
    ctx.store.classroom.setUser(platform, user.id, option.name, parsed);
    return [toUser(ctx.t.classroom.prefSet(option.name, parsed === null ? 'default' : parsed === 'true' ? 'on' : 'off'))];
  },
};
