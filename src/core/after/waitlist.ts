// Notify-me: those who asked are told privately, with their own link, when the meeting starts.
import type { MeetingInfo } from '../../bbb/types.ts';
import { joinReply } from '../../commands/join.ts';
import { targetOf } from '../../commands/target.ts';
import type { JoinPolicy } from '../model.ts';
import type { MeetingScope } from '../scope.ts';
import type { AfterDeps } from './deps.ts';

/** Whether a non-moderator would get a link now (the join policy). */
export function joinable(joinPolicy: JoinPolicy, info: MeetingInfo): boolean {
  return !(joinPolicy === 'moderator-present' && info.moderatorCount === 0);
}

export class WaitListNotifier {
  constructor(private readonly d: AfterDeps) {}

  /** Tells everyone waiting for this scope's meeting, if it can be joined. Returns how many were told. */
  async notifyWaiting(scope: MeetingScope): Promise<number> {
    const { store, conference, log } = this.d;
    const waiting = store.waitList.list(scope);
    if (waiting.length === 0) return 0;
    const state = await conference.state(scope, { fresh: true }); // the links below share this answer
    if (state.status !== 'open') return 0; // keep waiting
    let told = 0;
    for (const w of waiting) {
      const ctx = this.d.contextFor({
        platform: w.platform,
        user: { id: w.userId, displayName: w.displayName },
        room: { id: w.roomId },
        text: 'join',
        source: 'command',
      });
      const target = targetOf(ctx, scope);
      if (target && !target.moderator && !joinable(target.joinPolicy, state.info)) return told; // keep waiting
      // Removing is the claim: two concurrent runs never tell the same person twice.
      if (!store.waitList.remove(w.scope, w.platform, w.userId)) continue;
      const messenger = this.d.messengers().get(w.platform);
      if (!messenger || !target) continue;
      try {
        const reply = await joinReply(ctx, target, false);
        const text = `${ctx.t.notifyNowStarted(target.label)} ${reply.text}`;
        await messenger.sendToUser(w.userId, { ...reply, audience: 'user', text, language: ctx.t.language }, { roomId: w.roomId });
        told++;
      } catch (err) {
        log.warn('notify-me: could not tell a waiting user', { platform: w.platform, error: err });
      }
    }
    return told;
  }
}
