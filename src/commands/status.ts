import type { Command } from './context.ts';
import { roomCourse, toUser } from './context.ts';
import { isModerator } from '../core/roles.ts';
import { withNextClass } from './schedule.ts';

export const status: Command = {
  path: ['status'],
  usage: 'status',
  who: 'linked',
  async run(ctx) {
    const { course, group, label } = roomCourse(ctx);
    // Shared and briefly cached (start/end drop it): a burst of `status` costs one getMeetingInfo.
    const state = await ctx.conference.state(course.code, group);
    if (state.status !== 'open') return [toUser(withNextClass(ctx, ctx.t.statusNotStarted(label)))];
    const info = state.info;
    const since = info.startTime > 0 ? info.startTime : Number(info.createTime);
    const minutes = Math.max(0, Math.floor((Date.now() - since) / 60_000));
    if (!info.hasUserJoined || info.attendees.length === 0 && !info.running) {
      return [toUser(withNextClass(ctx, ctx.t.statusWaiting(label, minutes, info.recording)))];
    }
    const lines = [ctx.t.statusRunning(label, minutes, info.participantCount, info.moderatorCount, info.recording)];
    // Who is there: teachers and coaches see names; students see the counts only.
    if (isModerator(ctx.role) && info.attendees.length > 0) {
      lines.push(ctx.t.statusPeople(info.attendees.map((a) => `${a.fullName}${a.role === 'MODERATOR' ? ctx.t.moderatorTag : ''}`).join(', ')));
    }
    return [toUser(withNextClass(ctx, lines.join('\n')))];
  },
};
