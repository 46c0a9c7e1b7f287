// The bot's HTTP surface: health, and routes mounted by chat adapters (Slack's /slack/events).
// BBB callbacks (meeting ended, recording ready) are added here by the callbacks issue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';

export function createHttpHandler(o: {
  bot: Bot;
  log: Logger;
  routes: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      for (const route of o.routes) if (route(req, res)) return;
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/healthz') {
        const ok = o.bot.store.healthy();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ store: ok }));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (err) {
      o.log.error('HTTP handler failed', { error: err, path: req.url?.split('?')[0] });
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
}
