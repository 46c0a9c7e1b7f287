// Notify-me: students who asked are told privately, with their own link, when the class starts.
import type { MeetingInfo } from '../../bbb/types.ts';
import { courseLabel } from '../../commands/context.ts';
import { joinReply } from '../../commands/join.ts';
import type { Course } from '../model.ts';
import type { AfterDeps } from './deps.ts';

/** Whether a student would get a link now (the course's join policy). */
export function joinable(course: Course, info: MeetingInfo): boolean {
  return !(course.joinPolicy === 'moderator-present' && info.moderatorCount === 0);
}

export class WaitListNotifier {
  constructor(private readonly d: AfterDeps) {}

  /** Tells everyone waiting for this course+group, if the meeting can be joined. Returns how many were told. */
  async notifyWaiting(courseCode: string, group: string): Promise<number> {
    const { store, conference, log } = this.d;
    const waiting = store.waitList.list(courseCode, group);
    const course = store.courses.get(courseCode);
    if (waiting.length === 0 || !course) return 0;
    const state = await conference.state(courseCode, group, { fresh: true }); // the links below share this answer
    if (state.status !== 'open' || !joinable(course, state.info)) return 0; // keep waiting
    let told = 0;
    for (const w of waiting) {
      // Removing is the claim: two concurrent runs never tell the same person twice.
      if (!store.waitList.remove(w.courseCode, w.group, w.platform, w.userId)) continue;
      const messenger = this.d.messengers().get(w.platform);
      const ctx = this.d.contextFor({
        platform: w.platform,
        user: { id: w.userId, displayName: w.displayName },
        room: { id: w.roomId },
        text: 'join',
        source: 'command',
      });
      if (!messenger || !ctx.link || !ctx.course || ctx.link.courseCode !== courseCode || ctx.link.group !== group) continue;
      try {
        const reply = await joinReply(ctx, false);
        const text = `${ctx.t.notifyNowStarted(courseLabel(ctx, ctx.course, group))} ${reply.text}`;
        await messenger.sendToUser(w.userId, { ...reply, audience: 'user', text, language: ctx.t.language }, { roomId: w.roomId });
        told++;
      } catch (err) {
        log.warn('notify-me: could not tell a waiting user', { platform: w.platform, error: err });
      }
    }
    return told;
  }
}
