// config teacher add|remove <user> [--coach] ; config admin add|remove <user>
import type { Command, CommandContext } from './context.ts';
import { refusal, toUser } from './context.ts';
import { parseUserMention } from '../core/users.ts';
import { UserError } from '../core/errors.ts';

const EXAMPLES = { console: '@tina', slack: '@tina (a mention)', matrix: '@tina:school.edu' } as const;

/** Resolves a user named in a command to { id, displayName }, or explains why not. */
export async function namedUser(ctx: CommandContext, token: string): Promise<{ id: string; displayName: string }> {
  const id = parseUserMention(ctx.inv.platform, token);
  if (!id) throw new UserError(ctx.t.badUser(token, EXAMPLES[ctx.inv.platform]));
  if (!ctx.inv.lookupUser) return { id, displayName: id };
  const found = await ctx.inv.lookupUser(id);
  if (!found) throw new UserError(ctx.t.unknownUser(token));
  return found;
}

export const configTeacher: Command = {
  path: ['config', 'teacher'],
  usage: 'config teacher add|remove <user> [--coach]',
  who: 'admin',
  async run(ctx, args) {
    const [action, who, ...rest] = args.words;
    if ((action !== 'add' && action !== 'remove') || !who || rest.length > 0) {
      return [refusal(ctx.t.usage(ctx.prefix, 'config teacher', this.usage))];
    }
    if (!ctx.course || !ctx.link) return [refusal(ctx.t.roomNotLinkedAdmin(ctx.prefix))];
    const user = await namedUser(ctx, who);
    const label = ctx.t.courseLabel(ctx.course.title, ctx.course.code, '');
    if (action === 'add') {
      const role = args.options.has('coach') ? 'coach' : 'teacher';
      ctx.store.roles.setCourseRole(ctx.course.code, ctx.inv.platform, user.id, role, user.displayName);
      return [toUser(ctx.t.teacherAdded(user.displayName, role, label))];
    }
    const removed = ctx.store.roles.removeCourseRole(ctx.course.code, ctx.inv.platform, user.id);
    return [toUser(removed ? ctx.t.teacherRemoved(user.displayName, label) : ctx.t.teacherNotFound(user.displayName, label))];
  },
};

export const configAdmin: Command = {
  path: ['config', 'admin'],
  usage: 'config admin add|remove <user>',
  who: 'admin',
  async run(ctx, args) {
    const [action, who, ...rest] = args.words;
    if ((action !== 'add' && action !== 'remove') || !who || rest.length > 0) {
      return [refusal(ctx.t.usage(ctx.prefix, 'config admin', this.usage))];
    }
    const user = await namedUser(ctx, who);
    const p = ctx.inv.platform;
    if (action === 'add') {
      const added = !ctx.envAdmins.has(`${p}:${user.id}`) && ctx.store.roles.addAdmin(p, user.id, ctx.inv.user.id);
      return [toUser(added ? ctx.t.adminAdded(user.displayName) : ctx.t.adminAlready(user.displayName))];
    }
    if (user.id === ctx.inv.user.id) return [refusal(ctx.t.adminNotYourself)];
    if (ctx.envAdmins.has(`${p}:${user.id}`)) return [refusal(ctx.t.adminFromEnv(user.displayName))];
    const removed = ctx.store.roles.removeAdmin(p, user.id);
    return [toUser(removed ? ctx.t.adminRemoved(user.displayName) : ctx.t.adminNotFound(user.displayName))];
  },
};
