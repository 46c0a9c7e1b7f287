// Answering a slash command or a button click: replies for the user go back through the
// response_url (ephemeral), replies for the room are posted to the channel.
import type { Invocation, Reply } from '../../src/core/types.ts';
import type { Language } from '../../src/core/model.ts';
import type { Logger } from '../../src/log.ts';
import type { Delivery } from './delivery.ts';
import type { Respond } from './respond-url.ts';
import { slackMessages } from './messages.ts';
import { escapeMrkdwn, renderReply } from './render.ts';
import { errorRef, isNotInChannel, slackErrorCode } from './slack-errors.ts';

export interface AnswerContext {
  channel: string;
  userId: string;
  respond: Respond;
  delivery: Delivery;
  log: Logger;
  /** The user's language, for the adapter's own words (known once the user is looked up). */
  language?: Language;
  /** Told the ts of each room reply posted in the channel (the core keeps a class summary's, to edit it later). */
  posted?: (reply: Reply, ts: string) => void;
}

async function privately(ctx: AnswerContext, original: Reply): Promise<void> {
  // A file goes to the user's DM with the bot; the answer here then only says so.
  const reply = original.file ? await ctx.delivery.sendFileToUser(ctx.userId, original) : original;
  const msg = renderReply(reply, 'private');
  try {
    await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
  } catch (err) {
    // response_url expired or used up (5 posts): fall back to the Web API.
    ctx.log.info('slack: response_url failed, using chat.postEphemeral', { error: errorMessage(err) });
    await ctx.delivery.sendPrivately(ctx.userId, reply, ctx.channel);
  }
}

async function toChannel(ctx: AnswerContext, reply: Reply): Promise<void> {
  try {
    const ts = await ctx.delivery.postToChannel(ctx.channel, reply);
    if (ts) ctx.posted?.(reply, ts);
  } catch (err) {
    if (!isNotInChannel(err)) throw err;
    ctx.log.info('slack: not in channel, telling the user how to invite the bot', { channel: ctx.channel, error: slackErrorCode(err) });
    const name = await ctx.delivery.botName();
    const help = escapeMrkdwn(slackMessages(ctx.language).inviteTheBot(name));
    const seen = renderReply({ ...reply, audience: 'room' }, 'channel');
    await ctx.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: help,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: help } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(slackMessages(ctx.language).whatEveryoneWouldHaveSeen) }] },
        ...seen.blocks,
      ],
    });
  }
}

/** Delivers every reply in order; a failure is logged with a reference and shown to the user. */
export async function answerAll(replies: Reply[], ctx: AnswerContext): Promise<void> {
  for (const reply of replies) {
    try {
      if (reply.audience === 'room') await toChannel(ctx, reply);
      else await privately(ctx, reply);
    } catch (err) {
      await reportFailure(ctx, err, 'slack: could not deliver a reply');
    }
  }
}

export async function reportFailure(ctx: Pick<AnswerContext, 'respond' | 'log' | 'language'>, err: unknown, what: string): Promise<void> {
  const ref = errorRef();
  ctx.log.error(what, { ref, error: errorMessage(err), code: slackErrorCode(err) });
  try {
    await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: slackMessages(ctx.language).somethingWentWrong(ref) });
  } catch {
    // nothing more we can do; it is logged
  }
}

/** Runs the core; if it takes longer than `noticeMs`, tells the user it is working on it. */
export async function handleWithNotice(
  handle: (inv: Invocation) => Promise<Reply[]>,
  inv: Invocation,
  respond: Respond,
  noticeMs: number,
  language?: Language,
): Promise<Reply[]> {
  let notice: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    notice = respond({ response_type: 'ephemeral', replace_original: false, text: slackMessages(language).workingOnIt }).catch(() => undefined);
  }, noticeMs);
  try {
    return await handle(inv);
  } finally {
    clearTimeout(timer);
    await notice; // keep the order: "Working on it…" before the answer
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
