// `/conference <subcommand>`: ack first (Slack's 3-second rule), then ask the core and answer.
import type { App as BoltApp } from '@slack/bolt';
import { answerAll, handleWithNotice, reportFailure, type AnswerContext } from '../answer.ts';
import { openConfigModal } from '../modal.ts';
import { respondTo } from '../respond-url.ts';
import { normaliseCommandText, slackRoom } from '../text.ts';
import type { ListenerDeps } from './deps.ts';

export const COMMAND = '/conference';

export function registerCommand(bolt: BoltApp, deps: ListenerDeps): void {
  bolt.command(COMMAND, async ({ command, ack, respond: boltRespond, client }) => {
    await ack();
    const respond = respondTo(command.response_url, boltRespond);
    const text = normaliseCommandText(command.text ?? '');
    const ctx: AnswerContext = {
      channel: command.channel_id, userId: command.user_id, respond, delivery: deps.delivery, log: deps.log,
      posted: (reply, ts) => deps.app.roomReplyPosted?.('slack', command.channel_id, reply, ts),
    };
    try {
      if (/^config$/i.test(text)) {
        await openConfigModal({ command, client, respond, deps });
        return;
      }
      const user = await deps.users.invocationUser(command.user_id, command.user_name);
      ctx.language = deps.app.languageFor('slack', command.channel_id, user);
      const replies = await handleWithNotice(
        (inv) => deps.app.handle(inv),
        {
          platform: 'slack',
          user,
          room: slackRoom(command.channel_id, command.channel_name),
          text,
          source: 'command',
          lookupUser: (id) => deps.users.lookupUser(id),
        },
        respond,
        deps.noticeMs,
        ctx.language,
      );
      await answerAll(replies, ctx);
    } catch (err) {
      await reportFailure(ctx, err, 'slack: /conference failed');
    }
  });
}
