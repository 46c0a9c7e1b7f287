import type { Command, CommandContext } from './context.ts';
import { hasButtons, toUser } from './context.ts';
import { courseTarget, type Target } from './target.ts';
import type { Reply } from '../core/types.ts';

/** Why a user cannot get a link right now, or the link. Shared by every kind of `join` and by notify-me. */
export async function joinReply(ctx: CommandContext, target: Target, offerNotify: boolean): Promise<Reply> {
  const { scope, label, moderator } = target;
  const course = scope.kind === 'course';
  let state = await ctx.conference.state(scope);
  const notStarted = (text: string): Reply => {
    if (moderator) {
      const startWords = course ? '' : `${target.joinWords.split(' ')[0]} start`;
      return toUser(`${text} ${course ? ctx.t.notStartedYouCanStart(ctx.prefix) : ctx.t.rooms.youCanStart(`${ctx.prefix} ${startWords}`)}`);
    }
    if (!offerNotify) return toUser(text);
    const offer = course ? ctx.t.notifyOffer(ctx.prefix, hasButtons(ctx)) : ctx.t.rooms.notifyOffer(`${ctx.prefix} ${target.notifyWords}`, hasButtons(ctx));
    return toUser(`${text} ${offer}`, { actions: [{ id: 'notify', label: ctx.t.notifyButton, ...(course ? {} : { command: target.notifyCommand }) }] });
  };
  if (state.status === 'closing') return toUser(ctx.t.meetingEndedMeanwhile(label));
  if (state.status === 'not-started') return notStarted(course ? ctx.t.notStarted(label, target.starters()) : ctx.t.rooms.notStarted(label));
  if (!moderator && target.joinPolicy === 'moderator-present' && state.info.moderatorCount === 0) {
    return notStarted(ctx.t.notStartedModeratorAbsent(label));
  }
  const userId = `${ctx.inv.platform}:${ctx.inv.user.id}`;
  const max = state.info.maxUsers > 0 ? state.info.maxUsers : (target.maxParticipants ?? 0);
  // Links given since BBB's answer count against the seats; near the limit BBB is asked again.
  const seats = await ctx.conference.claimSeat(scope, state, userId, max);
  state = seats.state;
  if (state.status !== 'open') return toUser(ctx.t.meetingEndedMeanwhile(label));
  const info = state.info;
  if (seats.left < 1) return toUser(ctx.t.full(label, Math.max(info.participantCount, max), max));
  const role = moderator ? 'MODERATOR' : 'VIEWER';
  const open = ctx.store.meetings.open(scope);
  const where = { scope, meetingRowId: open?.id, prefix: ctx.prefix };
  const url = ctx.conference.links.give(info, { platform: ctx.inv.platform, ...ctx.inv.user }, role, where);
  ctx.events.linkGiven(ctx, open?.id, role);
  return toUser(moderator ? ctx.t.yourModeratorLink(label) : ctx.t.yourViewerLink(label), {
    links: [
      moderator
        ? { url, label: ctx.t.moderatorLinkLabel, kind: 'join-moderator' }
        : { url, label: ctx.t.viewerLinkLabel, kind: 'join-viewer' },
    ],
  });
}

export const join: Command = {
  path: ['join'],
  usage: 'join',
  who: 'linked',
  async run(ctx) {
    return [await joinReply(ctx, courseTarget(ctx), true)];
  },
};
