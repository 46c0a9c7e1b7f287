// `room start|end|status` (your personal room), `room join|notify <owner>` (someone's),
// `room moderator add <user>` (a co-moderator for this session). Who may: core/scope-policy.ts.
import type { Command, CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import { namedUser } from './config-people.ts';
import { person, personalTarget, type Target } from './target.ts';
import { startReplies } from './start.ts';
import { joinReply } from './join.ts';
import { notifyReplies } from './notify.ts';
import { statusReplies } from './status.ts';
import { endReplies } from './end.ts';
import { personalScope, scopeKey } from '../core/scope.ts';
import { mayStart, personalRooms } from '../core/scope-policy.ts';
import type { Parsed } from '../core/tokens.ts';
import type { Reply } from '../core/types.ts';

/** Why this user may not use personal rooms (`own`: their own room), or undefined. */
function refuse(ctx: CommandContext, own: boolean): Reply | undefined {
  if (personalRooms(ctx.store) === 'off') return refusal(ctx.t.rooms.personalOff(ctx.prefix, ctx.role === 'admin'));
  if (own && !mayStart(ctx.store, personalScope(ctx.inv.platform, ctx.inv.user.id), person(ctx)).ok) return refusal(ctx.t.rooms.personalTeachersOnly);
  return undefined;
}

function ownTarget(ctx: CommandContext): Target {
  const me = { id: ctx.inv.user.id, displayName: ctx.inv.user.displayName };
  return personalTarget(ctx, me);
}

/** The owner named in `room join <owner>`. */
async function ownerTarget(ctx: CommandContext, args: Parsed, usage: string): Promise<Target | Reply> {
  const [who, ...rest] = args.words;
  if (!who || rest.length > 0) return refusal(ctx.t.usage(ctx.prefix, usage.split(' <')[0]!, usage));
  const owner = await namedUser(ctx, who);
  const saved = ctx.store.scopes.get(scopeKey(personalScope(ctx.inv.platform, owner.id)), 'owner-name');
  return personalTarget(ctx, { id: owner.id, displayName: saved ?? owner.displayName });
}

function roomCommand(words: string[], own: boolean, run: (ctx: CommandContext, args: Parsed, usage: string) => Promise<Reply[]>, extraUsage = ''): Command {
  const usage = `room ${words.join(' ')}${extraUsage}`;
  return {
    path: ['room', ...words],
    usage,
    who: 'anyone',
    shownTo: (ctx) => refuse(ctx, own) === undefined,
    async run(ctx, args) {
      const no = refuse(ctx, own);
      return no ? [no] : run(ctx, args, usage);
    },
  };
}

const viaOwner = (act: (ctx: CommandContext, t: Target) => Promise<Reply[]>) => async (ctx: CommandContext, args: Parsed, usage: string) => {
  const target = await ownerTarget(ctx, args, usage);
  return 'scope' in target ? act(ctx, target) : [target];
};

export const roomCommands: Command[] = [
  roomCommand(['start'], true, (ctx) => {
    ctx.store.scopes.set(scopeKey(personalScope(ctx.inv.platform, ctx.inv.user.id)), 'owner-name', ctx.inv.user.displayName);
    return startReplies(ctx, ownTarget(ctx));
  }),
  roomCommand(['join'], false, viaOwner(async (ctx, t) => [await joinReply(ctx, t, true)]), ' <owner>'),
  roomCommand(['notify'], false, viaOwner((ctx, t) => notifyReplies(ctx, t)), ' <owner>'),
  roomCommand(['status'], true, (ctx) => statusReplies(ctx, ownTarget(ctx))),
  roomCommand(['end'], true, (ctx) => endReplies(ctx, ownTarget(ctx))),
  roomCommand(['moderator', 'add'], true, async (ctx, args, usage) => {
    const [who, ...rest] = args.words;
    if (!who || rest.length > 0) return [refusal(ctx.t.usage(ctx.prefix, 'room moderator add', usage))];
    const user = await namedUser(ctx, who);
    const open = ctx.store.meetings.open(personalScope(ctx.inv.platform, ctx.inv.user.id));
    if (!open) return [refusal(ctx.t.rooms.moderatorNeedsSession(ctx.prefix))];
    ctx.store.meetings.addSessionModerator(open.id, ctx.inv.platform, user.id);
    return [toUser(ctx.t.rooms.moderatorAdded(user.displayName, `${ctx.prefix} ${ownTarget(ctx).joinWords}`))];
  }, ' <user>'),
];
