// `notify`: a student asks to be told privately, with their link, when the class starts.
// When it is already running it answers like `join`.
import type { Command } from './context.ts';
import { courseLabel, roomCourse, toUser } from './context.ts';
import { joinReply } from './join.ts';
import { isModerator } from '../core/roles.ts';
import { joinable } from '../core/after/waitlist.ts';

export const notify: Command = {
  path: ['notify'],
  usage: 'notify',
  who: 'linked',
  async run(ctx) {
    const { course, group } = roomCourse(ctx);
    if (isModerator(ctx.role)) return [await joinReply(ctx, false)];
    const state = await ctx.conference.state(course.code, group);
    if (state.status === 'open' && joinable(course, state.info)) return [await joinReply(ctx, false)];
    const added = ctx.store.waitList.add({
      courseCode: course.code,
      group,
      platform: ctx.inv.platform,
      userId: ctx.inv.user.id,
      displayName: ctx.inv.user.displayName,
      roomId: ctx.inv.room.id,
      addedAt: Date.now(),
    });
    const label = courseLabel(ctx, course, group);
    return [toUser(added ? ctx.t.notifyAdded(label) : ctx.t.notifyAlready(label))];
  },
};
