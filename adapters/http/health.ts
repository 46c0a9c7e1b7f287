// GET /healthz: can the bot reach its store and its BigBlueButton server? 200 when both, else 503.
// The answer names no URL and no secret.
import type { ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import { NoServerError } from '../../src/core/errors.ts';
import { sendJson } from './respond.ts';

export async function health(bot: Bot, res: ServerResponse): Promise<void> {
  const store = bot.store.healthy();
  let bbb: 'ok' | 'unreachable' | 'not-configured';
  try {
    await bot.conference.api().version();
    bbb = 'ok';
  } catch (err) {
    bbb = err instanceof NoServerError ? 'not-configured' : 'unreachable';
  }
  const ok = store && bbb === 'ok';
  sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', store, bbb });
}
