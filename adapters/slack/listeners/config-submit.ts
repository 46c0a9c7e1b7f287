// The config modal's submission: the core checks the server (up to ~5 s), Slack wants an ack in 3 s.
import type { App as BoltApp } from '@slack/bolt';
import type { Reply } from '../../../src/core/types.ts';
import { errorMessage } from '../answer.ts';
import { slackMessages } from '../messages.ts';
import { parseLanguage } from '../../../src/i18n/index.ts';
import { CONFIG_CALLBACK_ID, type ConfigModalMetadata, checkingView, INPUT_ACTION, SECRET_BLOCK, URL_BLOCK } from '../modal.ts';
import { errorRef } from '../slack-errors.ts';
import type { ListenerDeps } from './deps.ts';

const FIELD_BLOCK = { url: URL_BLOCK, secret: SECRET_BLOCK } as const;

function parseMetadata(raw: string): ConfigModalMetadata | undefined {
  try {
    const m = JSON.parse(raw) as Partial<ConfigModalMetadata>;
    if (typeof m.channel !== 'string') return undefined;
    const language = parseLanguage(m.language);
    return language ? { channel: m.channel, language } : { channel: m.channel };
  } catch {
    return undefined;
  }
}

export function registerConfigSubmit(bolt: BoltApp, deps: ListenerDeps): void {
  bolt.view({ callback_id: CONFIG_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, view }) => {
    const startedAt = Date.now();
    const values = view.state.values;
    const url = (values[URL_BLOCK]?.[INPUT_ACTION]?.value ?? '').trim();
    const secret = (values[SECRET_BLOCK]?.[INPUT_ACTION]?.value ?? '').trim();
    if (secret.length >= 8) deps.log.addSecret(secret); // never logged by us; masked if anything else tries
    const meta = parseMetadata(view.private_metadata);
    const userId = body.user.id;
    const channel = meta?.channel;

    const handling = (async (): Promise<Reply[]> => {
      const user = await deps.users.invocationUser(userId, body.user.name);
      return deps.app.handle({
        platform: 'slack',
        user,
        // The modal is private to the admin: the core may accept a secret here.
        room: { id: channel ?? userId, isDirect: true },
        text: `config server ${url} ${secret}`,
        source: 'command',
      });
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), Math.max(0, deps.modalRaceMs - (Date.now() - startedAt)));
    });

    let replies: Reply[];
    try {
      const first = await Promise.race([handling, timeout]);
      clearTimeout(timer);
      if (first === 'slow') {
        await ack({ response_action: 'update', view: checkingView(meta?.language) });
        replies = await handling;
      } else {
        const bad = first.find((r) => r.error?.field === 'url' || r.error?.field === 'secret');
        const field = bad?.error?.field;
        if (bad && (field === 'url' || field === 'secret')) {
          await ack({ response_action: 'errors', errors: { [FIELD_BLOCK[field]]: bad.text } });
          return;
        }
        await ack();
        replies = first;
      }
    } catch (err) {
      clearTimeout(timer);
      const ref = errorRef();
      deps.log.error('slack: config modal failed', { ref, error: errorMessage(err) });
      await ack().catch(() => undefined); // ack() throws if the "Checking…" update was already sent
      replies = [{ audience: 'user', text: slackMessages(meta?.language).somethingWentWrong(ref), error: {} }];
    }

    // The admin alone sees the outcome (the core was told this is a private conversation).
    for (const reply of replies) {
      try {
        await deps.delivery.sendPrivately(userId, reply, channel);
      } catch (err) {
        deps.log.error('slack: could not send the config result', { error: errorMessage(err) });
      }
    }
  });
}
