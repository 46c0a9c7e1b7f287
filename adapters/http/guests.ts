// GET and POST /g/<token>: a guest invitation (src/core/guests.ts). GET shows the name form in the
// course's language; POST checks the CSRF token (guest-csrf.ts) and the name, then, if the class
// is on, counts one use and answers 303 to the signed guest join URL. Refused invitations get 410.
// Neither the token, the guest's name nor the join URL is ever logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { messages } from '../../src/i18n/index.ts';
import type { Language } from '../../src/core/model.ts';
import { GUEST_NAME_MAX, guestName, type GuestLookup } from '../../src/core/guests.ts';
import { readBody, refuseTooLarge, unreadBody } from './body.ts';
import { CSRF_COOKIE, FORM_TTL_S, GuestCsrf, cookieValue } from './guest-csrf.ts';
import { formPage, pageHeaders, refusedPage } from './guest-page.ts';
import { send } from './respond.ts';

/** A name and a token are a few hundred bytes; anything much larger is not our form. */
export const GUEST_FORM_MAX_BYTES = 4096;

type Found = GuestLookup & { ok: true };

export function guestRoute(bot: Bot, log: Logger, csrf = new GuestCsrf()): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  const base = bot.config.PUBLIC_URL ? new URL(bot.config.PUBLIC_URL) : undefined;
  const cookiePath = `${base?.pathname.replace(/\/+$/, '') ?? ''}/g/`;
  const secure = base?.protocol === 'https:' ? '; Secure' : '';
  const bbbOrigin = (): string | undefined => {
    const server = bot.conference.server();
    try {
      return server ? new URL(server.url).origin : undefined;
    } catch {
      return undefined;
    }
  };

  const languageOf = (courseCode: string | undefined): Language =>
    (courseCode ? bot.store.courses.get(courseCode)?.language : undefined) ?? bot.config.BOT_LANGUAGE;

  const showForm = (res: ServerResponse, status: number, found: Found, name: string, message?: string): void => {
    const language = found.course.language ?? bot.config.BOT_LANGUAGE;
    const token = csrf.issue(found.invitation.id);
    const cookie = `${CSRF_COOKIE}=${token}; Path=${cookiePath}; Max-Age=${FORM_TTL_S}; HttpOnly; SameSite=Strict${secure}`;
    const page = formPage(messages(language).guests, { language, course: found.course.title, csrf: token, name, message, maxName: GUEST_NAME_MAX });
    res.writeHead(status, { ...pageHeaders(bbbOrigin()), 'set-cookie': cookie }).end(page);
  };

  const refuse = (req: IncomingMessage, res: ServerResponse, found: GuestLookup & { ok: false }): void => {
    log.info('Guest invitation refused', { reason: found.reason, course: found.courseCode });
    const language = languageOf(found.courseCode);
    const t = messages(language).guests;
    const close = unreadBody(req) ? { connection: 'close' } : {}; // a refused POST's body is not read
    res.writeHead(410, { ...pageHeaders(null), ...close }).end(refusedPage(language, t.refusedTitle, t.refused(found.reason)));
  };

  const post = async (req: IncomingMessage, res: ServerResponse, token: string, found: Found): Promise<void> => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return send(res, 415, 'unsupported media type');
    const body = await readBody(req, GUEST_FORM_MAX_BYTES);
    if (!body.ok) return body.why === 'too-large' ? refuseTooLarge(res) : void res.destroy();
    const form = new URLSearchParams(body.body.toString('utf8'));
    const rawName = (form.get('name') ?? '').slice(0, 1000);
    const t = messages(found.course.language ?? bot.config.BOT_LANGUAGE).guests;
    if (!csrf.check(found.invitation.id, form.get('csrf'), cookieValue(req.headers.cookie, CSRF_COOKIE))) {
      log.warn('Guest form refused: CSRF check failed', { course: found.course.code });
      return showForm(res, 403, found, '', t.formExpired);
    }
    const name = guestName(rawName);
    if (!name.ok) {
      const why = name.why === 'empty' ? t.nameEmpty : name.why === 'too-long' ? t.nameTooLong(GUEST_NAME_MAX) : t.nameControl;
      return showForm(res, 400, found, name.why === 'control' ? '' : rawName.trim(), why);
    }
    const entry = await bot.conference.guests.enter(token, name.name);
    if (entry.ok) {
      log.info('Guest invitation used', { course: found.course.code });
      return void res.writeHead(303, { ...pageHeaders(null), location: entry.url }).end();
    }
    if (entry.reason === 'not-started') return showForm(res, 409, found, name.name, t.notStarted);
    refuse(req, res, { ok: false, reason: entry.reason, courseCode: found.course.code });
  };

  return (req, res, url) => {
    const match = /^\/g\/([^/]*)$/.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'POST') {
      send(res, 405, 'method not allowed', { allow: 'GET, POST' });
      return true;
    }
    const token = match[1]!;
    const fail = (err: unknown): void => {
      log.error('Guest invitation failed', { error: err }); // no path: it holds the token
      if (!res.headersSent) send(res, 500, 'something went wrong');
      else res.end();
    };
    try {
      const found = bot.conference.guests.lookup(token);
      if (!found.ok) refuse(req, res, found);
      else if (req.method === 'GET') showForm(res, 200, found, '');
      else post(req, res, token, found).catch(fail);
    } catch (err) {
      fail(err);
    }
    return true;
  };
}
