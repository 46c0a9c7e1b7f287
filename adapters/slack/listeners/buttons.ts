// Join / Notify me buttons: run the command for the user who clicked, answer them alone.
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import { answerAll, reportFailure, type AnswerContext } from '../answer.ts';
import { ACTION_JOIN, ACTION_LINK_PREFIX, ACTION_NOTIFY } from '../render.ts';
import { respondTo } from '../respond-url.ts';
import { slackRoom } from '../text.ts';
import type { ListenerDeps } from './deps.ts';

const BUTTONS = [
  [ACTION_JOIN, 'join'],
  [ACTION_NOTIFY, 'notify'],
] as const;

/** The command a button runs: its own (the global conference, a personal room) when it names one, else the room's. */
const OWN_COMMAND = /^(?:global (?:join|notify)|room (?:join|notify) <@[UW][A-Z0-9]+>)$/;

function commandOf(text: string, value: string | undefined): string {
  return value !== undefined && OWN_COMMAND.test(value) && value.split(' ')[1] === text ? value : text;
}

export function registerButtons(bolt: BoltApp, deps: ListenerDeps): void {
  for (const [actionId, text] of BUTTONS) {
    bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, respond: boltRespond }) => {
      await ack();
      const respond = respondTo(body.response_url, boltRespond);
      const channel = body.channel?.id ?? body.container['channel_id'];
      if (typeof channel !== 'string') {
        deps.log.warn('slack: button click without a channel', { action: actionId });
        return;
      }
      const ctx: AnswerContext = {
        channel, userId: body.user.id, respond, delivery: deps.delivery, log: deps.log,
        posted: (reply, ts) => deps.app.roomReplyPosted?.('slack', channel, reply, ts),
      };
      try {
        const user = await deps.users.invocationUser(body.user.id, body.user.name ?? body.user.username);
        ctx.language = deps.app.languageFor('slack', channel, user);
        const replies = await deps.app.handle({
          platform: 'slack',
          user,
          room: slackRoom(channel, body.channel?.name),
          text: commandOf(text, body.actions[0]?.value),
          source: 'button',
          lookupUser: (id) => deps.users.lookupUser(id),
        });
        await answerAll(replies, ctx);
      } catch (err) {
        await reportFailure(ctx, err, `slack: ${text} button failed`);
      }
    });
  }

  // URL buttons (join links, recordings) open the browser; Slack still sends the click, ack it.
  bolt.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_LINK_PREFIX}`) }, async ({ ack }) => {
    await ack();
  });
}
