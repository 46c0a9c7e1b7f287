import type { Command, CommandContext } from './context.ts';
import { hasButtons, roomCourse, starterNames, toUser } from './context.ts';
import { isModerator } from '../core/roles.ts';
import type { Reply } from '../core/types.ts';

/** Why a user cannot get a link right now, or the link. Shared by `join` and notify-me. */
export async function joinReply(ctx: CommandContext, offerNotify: boolean): Promise<Reply> {
  const { course, group, label } = roomCourse(ctx);
  const moderator = isModerator(ctx.role);
  let state = await ctx.conference.state(course.code, group);
  const notStarted = (text: string): Reply => {
    if (moderator) return toUser(`${text} ${ctx.t.notStartedYouCanStart(ctx.prefix)}`);
    if (!offerNotify) return toUser(text);
    return toUser(`${text} ${ctx.t.notifyOffer(ctx.prefix, hasButtons(ctx))}`, { actions: [{ id: 'notify', label: ctx.t.notifyButton }] });
  };
  if (state.status === 'closing') return toUser(ctx.t.meetingEndedMeanwhile(label));
  if (state.status === 'not-started') return notStarted(ctx.t.notStarted(label, starterNames(ctx, course.code)));
  if (!moderator && course.joinPolicy === 'moderator-present' && state.info.moderatorCount === 0) {
    return notStarted(ctx.t.notStartedModeratorAbsent(label));
  }
  const userId = `${ctx.inv.platform}:${ctx.inv.user.id}`;
  const max = state.info.maxUsers > 0 ? state.info.maxUsers : (course.maxParticipants ?? 0);
  // Links given since BBB's answer count against the seats; near the limit BBB is asked again.
  const seats = await ctx.conference.claimSeat(course.code, group, state, userId, max);
  state = seats.state;
  if (state.status !== 'open') return toUser(ctx.t.meetingEndedMeanwhile(label));
  const info = state.info;
  if (seats.left < 1) return toUser(ctx.t.full(label, Math.max(info.participantCount, max), max));
  const role = moderator ? 'MODERATOR' : 'VIEWER';
  const open = ctx.store.meetings.open(course.code, group);
  const where = { courseCode: course.code, meetingRowId: open?.id, prefix: ctx.prefix };
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
    return [await joinReply(ctx, true)];
  },
};
