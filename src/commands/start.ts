import type { Command, CommandContext } from './context.ts';
import { hasButtons, toRoom, toUser } from './context.ts';
import { courseTarget, typeToJoin, type Target } from './target.ts';
import { scopeKey } from '../core/scope.ts';
import { announceRooms } from '../core/scope-policy.ts';
import type { Reply } from '../core/types.ts';

/**
 * Starts the target's meeting (the caller checked who may): the moderator link privately, and the
 * announcement, never with a link, where the kind's policy says: a course in the room it was
 * started in, the global conference in its announce rooms, a personal room where it was typed.
 */
export async function startReplies(ctx: CommandContext, target: Target): Promise<Reply[]> {
  const { scope, label } = target;
  const { meeting, created, session } = await ctx.conference.start(scope, {
    platform: ctx.inv.platform,
    userId: ctx.inv.user.id,
    roomId: ctx.inv.room.id,
    displayName: ctx.inv.user.displayName,
  });
  const where = { scope, meetingRowId: meeting.id, prefix: ctx.prefix };
  const url = ctx.conference.links.give(session, { platform: ctx.inv.platform, ...ctx.inv.user }, 'MODERATOR', where);
  ctx.events.linkGiven(ctx, meeting.id, 'MODERATOR');
  const link = { url, label: ctx.t.moderatorLinkLabel, kind: 'join-moderator' as const };
  if (!created) return [toUser(ctx.t.alreadyRunning(label), { links: [link] })];
  const r = ctx.tRoom; // the announcement is in the room's language, the link in the user's
  const who = ctx.inv.user.displayName;
  const text = scope.kind === 'course' ? r.started(who, target.roomLabel) : scope.kind === 'global' ? r.rooms.globalStarted(who) : r.rooms.personalInvitation(who);
  const announcement = toRoom(`${text} ${typeToJoin(r, ctx.prefix, target, hasButtons(ctx))}`, {
    actions: [{ id: 'join', label: r.viewerLinkLabel, ...(scope.kind === 'course' ? {} : { command: target.joinCommand }) }],
    topic: { event: 'meeting-started', meetingKey: scopeKey(scope) },
  });
  const here = { platform: ctx.inv.platform, roomId: ctx.inv.room.id };
  const inHere =
    scope.kind === 'course' ||
    (scope.kind === 'personal' && !ctx.inv.room.isDirect) ||
    announceRooms(ctx.store, scope).some((a) => a.platform === here.platform && a.roomId === here.roomId);
  const own = scope.kind === 'personal' ? ctx.t.rooms.yourRoomLink(ctx.prefix, target.joinWords) : ctx.t.yourModeratorLink(label);
  const replies = [toUser(own, { links: [link] }), ...(inHere ? [announcement] : [])];
  await ctx.events.meetingStarted(ctx, scope, announcement);
  return replies;
}

export const start: Command = {
  path: ['start'],
  usage: 'start',
  who: 'moderator',
  async run(ctx: CommandContext) {
    return startReplies(ctx, courseTarget(ctx));
  },
};
