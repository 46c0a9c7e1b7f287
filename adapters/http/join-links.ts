// GET /j/<token>: a one-time join link (src/core/join-links.ts). The first opening within its
// validity is recorded and answered 302 to the signed BBB URL; a second or late one gets a small
// page in the course's language. Neither the token nor the redirect target is ever logged.
// HEAD and link-preview fetchers (Slack's unfurler, Synapse's URL previews) get 204 and do not
// use the link up: otherwise a preview would spend it before its owner clicks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { messages } from '../../src/i18n/index.ts';
import { send } from './respond.ts';

const PREVIEWERS = /Slackbot|Synapse|facebookexternalhit|Twitterbot|Discordbot|TelegramBot|WhatsApp|LinkPreview|Embedly/i;

const HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' };

export function joinLinkRoute(bot: Bot, log: Logger): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  return (req, res, url) => {
    const match = /^\/j\/([^/]*)$/.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return true;
    }
    if (req.method === 'HEAD' || PREVIEWERS.test(req.headers['user-agent'] ?? '')) {
      res.writeHead(204, HEADERS).end();
      return true;
    }
    let opening;
    try {
      opening = bot.conference.links.open(match[1]!);
    } catch (err) {
      log.error('One-time join link failed', { error: err }); // no path: it holds the token
      send(res, 500, 'something went wrong');
      return true;
    }
    if (opening.ok) {
      log.info('One-time join link opened');
      res.writeHead(302, { ...HEADERS, location: opening.url }).end();
      return true;
    }
    log.info('One-time join link refused', { reason: opening.reason, course: opening.courseCode });
    const course = opening.courseCode ? bot.store.courses.get(opening.courseCode) : undefined;
    const language = course?.language ?? bot.config.BOT_LANGUAGE;
    const t = messages(language);
    const command = opening.prefix ? `${opening.prefix} join` : 'join';
    const html = page(language, t.classroom.linkPageTitle, t.classroom.linkRefused(opening.reason, command));
    res.writeHead(410, { ...HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" }).end(html);
    return true;
  };
}

function page(language: string, title: string, text: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
