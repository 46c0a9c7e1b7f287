// `notify`: a student asks to be told privately, with their link, when the class starts.
// When it is already running it answers like `join`. `global notify`, `room notify @owner` too.
import type { Command, CommandContext } from './context.ts';
import { toUser } from './context.ts';
import { joinReply } from './join.ts';
import { courseTarget, type Target } from './target.ts';
import { joinable } from '../core/after/waitlist.ts';
import type { Reply } from '../core/types.ts';

export async function notifyReplies(ctx: CommandContext, target: Target): Promise<Reply[]> {
  if (target.moderator) return [await joinReply(ctx, target, false)];
  const state = await ctx.conference.state(target.scope);
  if (state.status === 'open' && joinable(target.joinPolicy, state.info)) return [await joinReply(ctx, target, false)];
  const added = ctx.store.waitList.add({
    scope: target.scope,
    platform: ctx.inv.platform,
    userId: ctx.inv.user.id,
    displayName: ctx.inv.user.displayName,
    roomId: ctx.inv.room.id,
    addedAt: Date.now(),
  });
  return [toUser(added ? ctx.t.notifyAdded(target.label) : ctx.t.notifyAlready(target.label))];
}

export const notify: Command = {
  path: ['notify'],
  usage: 'notify',
  who: 'linked',
  async run(ctx) {
    return notifyReplies(ctx, courseTarget(ctx));
  },
};
