// `/conference config` with no arguments: a modal for the BBB server URL and shared secret,
// so that a secret is never typed into a channel.
import type { SlashCommand, types, webApi } from '@slack/bolt';
import type { Respond } from './respond-url.ts';
import { reportFailure } from './answer.ts';
import type { ListenerDeps } from './listeners/deps.ts';
import type { Language } from '../../src/core/model.ts';
import { slackMessages } from './messages.ts';
import { escapeMrkdwn, renderReply } from './render.ts';
import { slackRoom } from './text.ts';

export const CONFIG_CALLBACK_ID = 'conference_config';
export const URL_BLOCK = 'conference_config_url';
export const SECRET_BLOCK = 'conference_config_secret';
export const INPUT_ACTION = 'value';

export interface ConfigModalMetadata {
  /** The channel where /conference config was typed: where the confirmation is shown. */
  channel: string;
  /** The admin's language, for the form and the answer to its submission. */
  language?: Language;
}

const text = (t: string): types.PlainTextElement => ({ type: 'plain_text', text: t, emoji: true });

export function configModalView(meta: ConfigModalMetadata): types.ModalView {
  const m = slackMessages(meta.language).modal;
  return {
    type: 'modal',
    callback_id: CONFIG_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: text(m.title),
    submit: text(m.submit),
    close: text(m.close),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(m.intro) } },
      {
        type: 'input',
        block_id: URL_BLOCK,
        label: text(m.urlLabel),
        hint: text(m.urlHint),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, placeholder: text(m.urlPlaceholder) },
      },
      {
        type: 'input',
        block_id: SECRET_BLOCK,
        label: text(m.secretLabel),
        hint: text(m.secretHint),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, placeholder: text(m.secretPlaceholder) },
      },
    ],
  };
}

export function checkingView(language: Language | undefined): types.ModalView {
  const m = slackMessages(language).modal;
  return {
    type: 'modal',
    title: text(m.checkingTitle),
    close: text(m.close),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(m.checkingText) } }],
  };
}

/** Asks the core whether the user is an admin; opens the modal, or shows the refusal. */
export async function openConfigModal(args: {
  command: SlashCommand;
  client: webApi.WebClient;
  respond: Respond;
  deps: ListenerDeps;
}): Promise<void> {
  const { command, client, respond, deps } = args;
  const user = await deps.users.invocationUser(command.user_id, command.user_name);
  const check = await deps.app.handle({
    platform: 'slack',
    user,
    room: slackRoom(command.channel_id, command.channel_name),
    text: 'config check-admin',
    source: 'command',
  });
  const refusal = check.find((r) => r.error !== undefined);
  if (refusal) {
    const msg = renderReply(refusal, 'private');
    await respond({ response_type: 'ephemeral', text: msg.text, blocks: msg.blocks });
    return;
  }
  if (check.length === 0) throw new Error('config check-admin gave no answer');
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: configModalView({ channel: command.channel_id, language: deps.app.languageFor('slack', command.channel_id, user) }) });
  } catch (err) {
    await reportFailure({ respond, log: deps.log, language: deps.app.languageFor('slack', command.channel_id, user) }, err, 'slack: views.open failed');
  }
}
