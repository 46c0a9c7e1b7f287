import type { Command } from './context.ts';
import { roomCourse, toRoom, toUser } from './context.ts';
import { meetingKey } from '../core/model.ts';

export const end: Command = {
  path: ['end'],
  usage: 'end',
  who: 'moderator',
  async run(ctx) {
    const { course, group, label } = roomCourse(ctx);
    const state = await ctx.conference.state(course.code, group, { fresh: true });
    ctx.events.meetingEnding?.(ctx, course, group, state.status === 'open' ? state.info : undefined);
    const wasKnown = state.status === 'open' && (await ctx.conference.end(course.code, group));
    const summary = await ctx.events.meetingEnded(ctx, course, group);
    if (!wasKnown) return [toUser(ctx.t.notRunning(label)), ...summary];
    // One room message: the meeting's summary and who ended it, or just who ended it.
    const [first, ...more] = summary;
    const r = ctx.tRoom; // room messages are in the room's language
    if (first?.audience === 'room') return [{ ...first, text: `${first.text} ${r.endedBy(ctx.inv.user.displayName)}` }, ...more];
    return [toRoom(r.ended(ctx.inv.user.displayName, r.courseLabel(course.title, course.code, group)), { topic: { event: 'meeting-ended', meetingKey: meetingKey(course.code, group) } }), ...summary];
  },
};
