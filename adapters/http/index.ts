// The bot's HTTP surface: /healthz, /readyz, /metrics, BBB callbacks (meeting ended, recording ready), one-time
// join links (/j/<token>), guest invitations (/g/<token>), and routes
// mounted by chat adapters (Slack's /slack/events). Junk (an unparseable URL, a body over the
// cap, a sender that hangs up mid-body) gets a 4xx and one WARN line, never an ERROR.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { declaredTooLarge, refuseTooLarge } from './body.ts';
import { callbackRoute } from './callbacks.ts';
import { createHealth } from './health.ts';
import { metricsRoute } from './metrics.ts';
import { joinLinkRoute } from './join-links.ts';
import { guestRoute } from './guests.ts';
import { send } from './respond.ts';

/** A route mounted by a chat adapter: returns false when the path is not its own. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export function createHttpHandler(o: { bot: Bot; log: Logger; routes: Route[] }): (req: IncomingMessage, res: ServerResponse) => void {
  const callbacks = callbackRoute(o.bot, o.log);
  const health = createHealth(o.bot);
  const metrics = metricsRoute(o.bot);
  const joinLinks = joinLinkRoute(o.bot, o.log);
  const guests = guestRoute(o.bot, o.log);
  const reads = new Map<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void>([
    ['/healthz', (_req, res) => health.live(res)],
    ['/readyz', (_req, res) => health.ready(res)],
    ['/metrics', metrics],
  ]);
  const fail = (err: unknown, req: IncomingMessage, res: ServerResponse): void => {
    o.log.error('HTTP handler failed', { error: err, path: loggable(req.url?.split('?')[0] ?? '') });
    if (!res.headersSent) res.writeHead(500).end();
    else res.end();
  };
  return (req, res) => {
    const url = parseUrl(req.url);
    if (!url) {
      o.log.warn('HTTP: malformed URL refused', { method: req.method });
      return send(res, 400, 'bad request');
    }
    if (declaredTooLarge(req)) {
      o.log.warn('HTTP: request body too large', { path: loggable(url.pathname), length: req.headers['content-length'] });
      return refuseTooLarge(res);
    }
    try {
      if (joinLinks(req, res, url) || guests(req, res, url)) return;
      for (const route of o.routes) if (route(req, res, url)) return;
      let work = callbacks(req, res, url);
      const read = reads.get(url.pathname);
      if (!work && read && (req.method === 'GET' || req.method === 'HEAD')) work = Promise.resolve(read(req, res));
      if (work) work.catch((err: unknown) => fail(err, req, res));
      else send(res, 404, 'not found');
    } catch (err) {
      fail(err, req, res);
    }
  };
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://bot.invalid'); // `GET http://[` throws here
  } catch {
    return undefined;
  }
}

/** A path fit for the log: the tokens of one-time links and guest invitations are credentials. */
export function loggable(path: string): string {
  return path.replace(/^\/([jg])\/[^/]+/, '/$1/…');
}
