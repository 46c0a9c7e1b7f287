import type { Command, CommandContext } from './context.ts';
import { hasButtons, roomCourse, toRoom, toUser } from './context.ts';
import { meetingKey } from '../core/model.ts';

export const start: Command = {
  path: ['start'],
  usage: 'start',
  who: 'moderator',
  async run(ctx: CommandContext) {
    const { course, group, label } = roomCourse(ctx);
    const { meeting, created, session } = await ctx.conference.start(course, group, {
      platform: ctx.inv.platform,
      userId: ctx.inv.user.id,
      roomId: ctx.inv.room.id,
    });
    const where = { courseCode: course.code, meetingRowId: meeting.id, prefix: ctx.prefix };
    const url = ctx.conference.links.give(session, { platform: ctx.inv.platform, ...ctx.inv.user }, 'MODERATOR', where);
    ctx.events.linkGiven(ctx, meeting.id, 'MODERATOR');
    const link = { url, label: ctx.t.moderatorLinkLabel, kind: 'join-moderator' as const };
    if (!created) return [toUser(ctx.t.alreadyRunning(label), { links: [link] })];
    const r = ctx.tRoom; // the announcement is in the room's language, the link in the user's
    const roomLabel = r.courseLabel(course.title, course.code, group);
    const replies = [
      toUser(ctx.t.yourModeratorLink(label), { links: [link] }),
      toRoom(`${r.started(ctx.inv.user.displayName, roomLabel)} ${r.startedHowToJoin(ctx.prefix, hasButtons(ctx))}`, {
        actions: [{ id: 'join', label: r.viewerLinkLabel }],
        topic: { event: 'meeting-started', meetingKey: meetingKey(course.code, group) },
      }),
    ];
    await ctx.events.meetingStarted(ctx, course, group);
    return replies;
  },
};
