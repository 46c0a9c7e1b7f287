// guest [--hours N] [--uses N], guest list, guest revoke ID: invitations for people with no chat
// account (src/core/guests.ts). The URL is given once, privately, to the teacher who asked.
import type { Command, CommandContext } from './context.ts';
import { refusal, roomCourse, toUser } from './context.ts';
import { GUEST_HOURS, GUEST_USES } from '../core/guests.ts';
import { formatDateTime } from '../core/after/time.ts';
import type { Reply } from '../core/types.ts';

/** A whole number from 1 to max (`--hours 3`), else undefined; an absent option is its default. */
function count(raw: string | true | undefined, fallback: number, max: number): number | undefined {
  if (raw === undefined) return fallback;
  if (raw === true || !/^\d{1,6}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= 1 && n <= max ? n : undefined;
}

function noPublicUrl(ctx: CommandContext): Reply | undefined {
  return ctx.conference.guests.enabled ? undefined : refusal(ctx.t.guests.needPublicUrl);
}

export const guest: Command = {
  path: ['guest'],
  usage: `guest [--hours 1-${GUEST_HOURS.max}] [--uses 1-${GUEST_USES.max}]`,
  who: 'moderator',
  valueOptions: ['hours', 'uses'],
  async run(ctx, args) {
    const off = noPublicUrl(ctx);
    if (off) return [off];
    const { course, group, label } = roomCourse(ctx);
    if (args.words.length > 0 || [...args.options.keys()].some((k) => k !== 'hours' && k !== 'uses')) {
      return [refusal(ctx.t.usage(ctx.prefix, 'guest', guest.usage))];
    }
    const hours = count(args.options.get('hours'), GUEST_HOURS.default, GUEST_HOURS.max);
    if (hours === undefined) return [refusal(ctx.t.guests.badHours(GUEST_HOURS.max))];
    const uses = count(args.options.get('uses'), GUEST_USES.default, GUEST_USES.max);
    if (uses === undefined) return [refusal(ctx.t.guests.badUses(GUEST_USES.max))];
    const made = ctx.conference.guests.invite({ courseCode: course.code, group }, { platform: ctx.inv.platform, userId: ctx.inv.user.id }, hours, uses);
    const text = ctx.t.guests.created(made.id, label, formatDateTime(made.expiresAt, ctx.timeZone), uses, ctx.prefix);
    return [toUser(text, { links: [{ url: made.url, label: ctx.t.guests.linkLabel, kind: 'guest-invitation' }] })];
  },
};

export const guestList: Command = {
  path: ['guest', 'list'],
  usage: 'guest list',
  who: 'moderator',
  async run(ctx) {
    const { course, group, label } = roomCourse(ctx);
    const open = ctx.conference.guests.usable(course.code, group);
    if (open.length === 0) return [toUser(ctx.t.guests.listNone(label, ctx.prefix))];
    const lines = open.map((i) => ctx.t.guests.listLine(i.id, formatDateTime(i.expiresAt, ctx.timeZone), i.maxUses - i.uses));
    return [toUser([ctx.t.guests.listTitle(label), ...lines, ctx.t.guests.listHint(ctx.prefix)].join('\n'))];
  },
};

export const guestRevoke: Command = {
  path: ['guest', 'revoke'],
  usage: 'guest revoke <id>',
  who: 'moderator',
  async run(ctx, args) {
    const { course, group } = roomCourse(ctx);
    const [raw, ...extra] = args.words;
    if (raw === undefined || extra.length > 0) return [refusal(ctx.t.guests.revokeNeedId(ctx.prefix))];
    const id = /^#?\d{1,9}$/.test(raw) ? Number(raw.replace('#', '')) : undefined;
    if (id === undefined || !ctx.conference.guests.revoke(course.code, group, id)) {
      return [refusal(ctx.t.guests.revokeUnknown(raw, ctx.prefix))];
    }
    return [toUser(ctx.t.guests.revoked(id))];
  },
};
