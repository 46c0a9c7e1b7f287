// The bot's HTTP surface: /healthz, BBB callbacks (meeting ended, recording ready), and routes
// mounted by chat adapters (Slack's /slack/events).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { callbackRoute } from './callbacks.ts';
import { health } from './health.ts';
import { send } from './respond.ts';

export function createHttpHandler(o: {
  bot: Bot;
  log: Logger;
  routes: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
}): (req: IncomingMessage, res: ServerResponse) => void {
  const callbacks = callbackRoute(o.bot, o.log);
  const fail = (err: unknown, req: IncomingMessage, res: ServerResponse): void => {
    o.log.error('HTTP handler failed', { error: err, path: req.url?.split('?')[0] });
    if (!res.headersSent) res.writeHead(500).end();
    else res.end();
  };
  return (req, res) => {
    try {
      for (const route of o.routes) if (route(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://bot.invalid');
      let work = callbacks(req, res, url);
      if (!work && url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) work = health(o.bot, res);
      if (work) work.catch((err: unknown) => fail(err, req, res));
      else send(res, 404, 'not found');
    } catch (err) {
      fail(err, req, res);
    }
  };
}
