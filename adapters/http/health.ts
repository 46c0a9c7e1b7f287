// GET /healthz: liveness (the process answers and its store works), no outside call.
// GET /readyz: readiness: the store, BigBlueButton (a cached probe, see bbb-probe.ts) and each
// chat connection. 200 when all hold, else 503. No URL, no secret in either answer.
// "No BBB server configured yet" counts as ready: the bot must stay reachable so that an admin
// can run `config server` from chat.
import type { ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import { cachedBbbProbe } from './bbb-probe.ts';
import { sendJson } from './respond.ts';

export interface Health {
  live(res: ServerResponse): void;
  ready(res: ServerResponse): Promise<void>;
}

export function createHealth(bot: Bot): Health {
  const bbbState = cachedBbbProbe(bot.conference);
  return {
    live(res) {
      const store = bot.store.healthy();
      sendJson(res, store ? 200 : 503, { status: store ? 'ok' : 'unavailable', store });
    },
    async ready(res) {
      const store = bot.store.healthy();
      const bbb = await bbbState();
      const chat = Object.fromEntries([...bot.readiness].map(([name, ready]) => [name, ready()]));
      const ok = store && bbb !== 'unreachable' && Object.values(chat).every(Boolean);
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable', store, bbb, chat });
    },
  };
}
