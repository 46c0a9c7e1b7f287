// GET /metrics: the Prometheus text format. With METRICS_TOKEN set, only a scraper that sends
// `Authorization: Bearer <token>` gets an answer (compared in constant time).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import { send } from './respond.ts';

export function metricsRoute(bot: Bot): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const token = bot.config.METRICS_TOKEN;
  return async (req, res) => {
    if (token !== undefined && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
      return send(res, 401, 'unauthorized', { 'www-authenticate': 'Bearer' });
    }
    const text = await bot.metrics.scrape();
    res.writeHead(200, { 'content-type': bot.metrics.registry.contentType, 'cache-control': 'no-store' }).end(text);
  };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
