import type { Command, CommandContext } from './context.ts';
import { toUser } from './context.ts';
import { courseTarget, type Target } from './target.ts';
import type { Reply } from '../core/types.ts';
import { withNextClass } from './schedule.ts';

export async function statusReplies(ctx: CommandContext, target: Target): Promise<Reply[]> {
  const { label } = target;
  // Shared and briefly cached (start/end drop it): a burst of `status` costs one getMeetingInfo.
  const state = await ctx.conference.state(target.scope);
  if (state.status !== 'open') return [toUser(ctx.t.statusNotStarted(label))];
  const info = state.info;
  const since = info.startTime > 0 ? info.startTime : Number(info.createTime);
  const minutes = Math.max(0, Math.floor((Date.now() - since) / 60_000));
  if (!info.hasUserJoined || info.attendees.length === 0 && !info.running) {
    return [toUser(ctx.t.statusWaiting(label, minutes, info.recording))];
  }
  const lines = [ctx.t.statusRunning(label, minutes, info.participantCount, info.moderatorCount, info.recording)];
  // Who is there: moderators see names; everyone else sees the counts only.
  if (target.moderator && info.attendees.length > 0) {
    lines.push(ctx.t.statusPeople(info.attendees.map((a) => `${a.fullName}${a.role === 'MODERATOR' ? ctx.t.moderatorTag : ''}`).join(', ')));
  }
  return [toUser(lines.join('\n'))];
}

export const status: Command = {
  path: ['status'],
  usage: 'status',
  who: 'linked',
  async run(ctx) {
    // A course's status ends with its next scheduled class, when it has a timetable.
    const replies = await statusReplies(ctx, courseTarget(ctx));
    return replies.map((r) => ({ ...r, text: withNextClass(ctx, r.text) }));
  },
};
