// config link | unlink: which course (and group) this room belongs to.
import type { Command } from './context.ts';
import { refusal, toUser } from './context.ts';

const COURSE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GROUP = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export const configLink: Command = {
  path: ['config', 'link'],
  usage: 'config link <COURSE-CODE> [title…] [--group NAME]',
  who: 'admin',
  valueOptions: ['group'],
  async run(ctx, args) {
    const [code, ...titleWords] = args.words;
    const group = args.options.get('group');
    if (!code || !COURSE_CODE.test(code) || group === true || (group !== undefined && !GROUP.test(group))) {
      return [refusal(ctx.t.usage(ctx.prefix, 'config link', this.usage))];
    }
    const title = titleWords.join(' ').trim() || undefined;
    const course = ctx.store.db.transaction(() => {
      const c = ctx.store.courses.ensure(code, title);
      ctx.store.rooms.link(
        { platform: ctx.inv.platform, roomId: ctx.inv.room.id, courseCode: c.code, group: group ?? '' },
        ctx.inv.user.id,
      );
      return c;
    })();
    return [toUser(ctx.t.linked(ctx.inv.room.name ?? ctx.inv.room.id, ctx.t.courseLabel(course.title, course.code, group ?? '')))];
  },
};

export const configUnlink: Command = {
  path: ['config', 'unlink'],
  usage: 'config unlink',
  who: 'admin',
  async run(ctx, args) {
    if (args.words.length > 0) return [refusal(ctx.t.usage(ctx.prefix, 'config unlink', this.usage))];
    if (!ctx.link || !ctx.course) return [toUser(ctx.t.unlinkNothing)];
    ctx.store.rooms.unlink(ctx.inv.platform, ctx.inv.room.id);
    return [toUser(ctx.t.unlinked(ctx.t.courseLabel(ctx.course.title, ctx.course.code, ctx.link.group)))];
  },
};
