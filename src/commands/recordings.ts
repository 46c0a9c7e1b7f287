// `recordings [N]` lists the course's recordings (students: published only); teachers publish,
// unpublish and delete them (delete asks to confirm with --confirm within 5 minutes).
import type { Command, CommandContext } from './context.ts';
import { courseLabel, refusal, roomCourse, toUser } from './context.ts';
import { courseTarget, type Target } from './target.ts';
import type { Reply } from '../core/types.ts';
import type { Parsed } from '../core/tokens.ts';
import { courseRecording, listText } from '../core/after/recordings.ts';

const DEFAULT_COUNT = 5;
const MAX_COUNT = 50;
const CONFIRM_MS = 5 * 60_000;
const PENDING = 'recordings.delete';

export const recordingsList: Command = {
  path: ['recordings'],
  usage: 'recordings [N]',
  who: 'linked',
  async run(ctx, args) {
    return recordingsReplies(ctx, courseTarget(ctx), args);
  },
};

/** The target's recordings (moderators: unpublished ones too). */
export async function recordingsReplies(ctx: CommandContext, target: Target, args: Parsed): Promise<Reply[]> {
  const [n, ...extra] = args.words;
  const count = n === undefined ? DEFAULT_COUNT : /^\d{1,3}$/.test(n) ? Number(n) : NaN;
  if (extra.length > 0 || !(count >= 1 && count <= MAX_COUNT)) return [refusal(ctx.t.recordingsBadCount(ctx.prefix))];
  const { label, moderator } = target;
  const all = await ctx.conference.recordings(target.scope, moderator); // shared, briefly cached
  if (all.length === 0) return [toUser(ctx.t.recordingsNone(label))];
  const { text, links } = listText(ctx.t, all.slice(0, count), all.length, label, moderator, ctx.timeZone);
  return [toUser(text, { links })];
}

/** The recording named by the first word, if it is this course's; else the refusal to give. */
async function target(ctx: CommandContext, args: Parsed, action: string): Promise<{ id: string } | { refusal: Reply }> {
  const id = args.words[0];
  if (!id || args.words.length > 1) return { refusal: refusal(ctx.t.recordingsNeedId(ctx.prefix, action)) };
  const { course, group } = roomCourse(ctx);
  const rec = await courseRecording(ctx.conference.api(), ctx.conference.meetingIdOf({ kind: 'course', courseCode: course.code, group }), id);
  if (!rec) return { refusal: refusal(ctx.t.recordingNotInCourse(id, courseLabel(ctx, course, group))) };
  return { id: rec.recordId };
}

function publishing(word: 'publish' | 'unpublish'): Command {
  return {
    path: ['recordings', word],
    usage: `recordings ${word} <id>`,
    who: 'moderator',
    async run(ctx, args) {
      const found = await target(ctx, args, word);
      if ('refusal' in found) return [found.refusal];
      const { course, group } = roomCourse(ctx);
      await ctx.conference.publishRecording({ kind: 'course', courseCode: course.code, group }, found.id, word === 'publish');
      return [toUser(word === 'publish' ? ctx.t.recordingPublished(found.id) : ctx.t.recordingUnpublished(found.id))];
    },
  };
}

export const recordingsPublish = publishing('publish');
export const recordingsUnpublish = publishing('unpublish');

export const recordingsDelete: Command = {
  path: ['recordings', 'delete'],
  usage: 'recordings delete <id> [--confirm]',
  who: 'moderator',
  async run(ctx, args) {
    const found = await target(ctx, args, 'delete');
    if ('refusal' in found) return [found.refusal];
    // The confirmation is for this user, in this room, for this recording only.
    const key = [ctx.inv.platform, ctx.inv.room.id, ctx.inv.user.id, found.id].join('|');
    const pending = Number(ctx.store.state.get(PENDING, key) ?? 0);
    const now = Date.now();
    if (args.options.get('confirm') !== true || pending < now) {
      ctx.store.state.set(PENDING, key, String(now + CONFIRM_MS));
      return [toUser(ctx.t.recordingDeleteConfirm(ctx.prefix, found.id))];
    }
    ctx.store.state.delete(PENDING, key);
    const { course, group } = roomCourse(ctx);
    await ctx.conference.deleteRecording({ kind: 'course', courseCode: course.code, group }, found.id);
    return [toUser(ctx.t.recordingDeleted(found.id))];
  },
};
