// BBB callbacks. GET /bbb/ended/<token>?recordingmarks=..&meetingID=.. (the token names one
// meeting the bot created; anything else is 404). /bbb/recording-ready, POST form or GET query
// `signed_parameters` (a JWT with the server's shared secret; bad signature 401). Both answer at
// once and do the work after; the events are idempotent (BBB may call twice, or once per format).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { checkRecordingReady, endedCallbackMeeting } from '../../src/core/after/callbacks.ts';
import { analyticsCallback } from './analytics.ts';
import { readBody, refuseTooLarge } from './body.ts';
import { send } from './respond.ts';

/** A recording-ready POST is one JWT in a form field: a few hundred bytes. */
const MAX_BODY = 16 * 1024;

export function callbackRoute(bot: Bot, log: Logger): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | undefined {
  return (req, res, url) => {
    const ended = /^\/bbb\/ended\/([^/]*)$/.exec(url.pathname);
    if (ended) return meetingEnded(bot, req, res, ended[1]!, url);
    const analytics = /^\/bbb\/analytics\/([^/]*)$/.exec(url.pathname);
    if (analytics) return analyticsCallback(bot, log, req, res, analytics[1]!);
    if (url.pathname === '/bbb/recording-ready') return recordingReady(bot, log, req, res, url);
    return undefined;
  };
}

async function meetingEnded(bot: Bot, req: IncomingMessage, res: ServerResponse, token: string, url: URL): Promise<void> {
  const count = (result: string): void => bot.metrics.callback('meeting-ended', result);
  if (req.method !== 'GET' && req.method !== 'HEAD') return (count('bad-method'), send(res, 405, 'method not allowed', { allow: 'GET, HEAD' }));
  const row = endedCallbackMeeting((t) => bot.store.meetings.byCallbackToken(t), token, url.searchParams.get('meetingID'));
  if (!row) return (count('not-found'), send(res, 404, 'not found'));
  send(res, 200, 'ok');
  if (req.method === 'HEAD') return count('probe'); // a probe, not the event
  count('accepted');
  const marks = url.searchParams.get('recordingmarks');
  const recordingMarks = marks === 'true' ? true : marks === 'false' ? false : undefined;
  bot.after.background.run('meeting-ended callback', () =>
    bot.after.meetingEvents.onMeetingEnded(row, { reason: 'callback', at: Date.now(), ...(recordingMarks === undefined ? {} : { recordingMarks }) }),
  );
}

async function recordingReady(bot: Bot, log: Logger, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const count = (result: string): void => bot.metrics.callback('recording-ready', result);
  let jwt: string | null;
  if (req.method === 'POST') {
    const body = await readBody(req, MAX_BODY);
    if (!body.ok && body.why === 'too-large') return (count('too-large'), refuseTooLarge(res));
    if (!body.ok) return (count('aborted'), log.warn('HTTP: request body aborted', { path: url.pathname }));
    jwt = new URLSearchParams(body.body.toString('utf8')).get('signed_parameters');
  } else if (req.method === 'GET') {
    jwt = url.searchParams.get('signed_parameters');
  } else {
    return (count('bad-method'), send(res, 405, 'method not allowed', { allow: 'GET, POST' }));
  }
  if (!jwt) return (count('bad-request'), send(res, 400, 'signed_parameters missing'));
  const server = bot.conference.server();
  if (!server) return (count('no-server'), send(res, 503, 'no BigBlueButton server configured'));
  const check = await checkRecordingReady(jwt, server.secret);
  if (!check.ok) {
    log.warn('recording-ready callback refused', { why: check.why });
    count(check.why);
    return send(res, check.why === 'bad-signature' ? 401 : 400, check.why === 'bad-signature' ? 'bad signature' : 'bad payload');
  }
  count('accepted');
  send(res, 202, 'accepted');
  bot.after.background.run('recording-ready callback', () => bot.after.meetingEvents.onRecordingReady(check.recordId, check.meetingId));
}
