import type { Command, CommandContext } from './context.ts';
import { toRoom, toUser } from './context.ts';
import { courseTarget, type Target } from './target.ts';
import { scopeKey } from '../core/scope.ts';
import { announceRooms } from '../core/scope-policy.ts';
import type { Reply } from '../core/types.ts';

/** Ends the target's meeting (the caller checked who may) and sums it up where the kind announces. */
export async function endReplies(ctx: CommandContext, target: Target): Promise<Reply[]> {
  const { scope, label } = target;
  const state = await ctx.conference.state(scope, { fresh: true });
  ctx.events.meetingEnding?.(ctx, scope, state.status === 'open' ? state.info : undefined);
  const wasKnown = state.status === 'open' && (await ctx.conference.end(scope));
  const summary = await ctx.events.meetingEnded(ctx, scope);
  if (!wasKnown) return [toUser(ctx.t.notRunning(label)), ...summary];
  // One room message: the meeting's summary and who ended it, or just who ended it. A global or
  // personal meeting ended from a room that does not announce it: the summary is for the user only.
  const [first, ...more] = summary;
  const r = ctx.tRoom; // room messages are in the room's language
  const here = scope.kind === 'course' || announceRooms(ctx.store, scope).some((a) => a.platform === ctx.inv.platform && a.roomId === ctx.inv.room.id);
  if (first?.audience === 'room' && !here) return [{ ...first, audience: 'user' }, ...more];
  if (first?.audience === 'room') return [{ ...first, text: `${first.text} ${r.endedBy(ctx.inv.user.displayName)}` }, ...more];
  const ended = toRoom(r.ended(ctx.inv.user.displayName, target.roomLabel), { topic: { event: 'meeting-ended', meetingKey: scopeKey(scope) } });
  // Only a course's room hears of an end it did not get a summary for; the other kinds tell the one who ended it.
  return [scope.kind === 'course' ? ended : toUser(ctx.t.rooms.ended(label)), ...summary];
}

export const end: Command = {
  path: ['end'],
  usage: 'end',
  who: 'moderator',
  async run(ctx) {
    return endReplies(ctx, courseTarget(ctx));
  },
};
