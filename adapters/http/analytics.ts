// BBB's learning-analytics callback: POST /bbb/analytics/<token> (the token names one meeting the
// bot created; anything else is 404), `Authorization: Bearer <JWT>` signed with the shared secret
// (401 when it is not), a JSON body under the common body cap. A new report answers 202 and is acted on after;
// a repeat answers 202 and changes nothing (BBB does not retry, Scalelite may forward twice).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../bot.ts';
import type { Logger } from '../../src/log.ts';
import { checkAnalytics } from '../../src/core/after/analytics-check.ts';
import { endedCallbackMeeting } from '../../src/core/after/callbacks.ts';
import { readBody, refuseTooLarge } from './body.ts';
import { send } from './respond.ts';

export async function analyticsCallback(bot: Bot, log: Logger, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const count = (result: string): void => bot.metrics.callback('analytics', result);
  if (req.method !== 'POST') return (count('bad-method'), send(res, 405, 'method not allowed', { allow: 'POST' }));
  const row = endedCallbackMeeting((t) => bot.store.meetings.byCallbackToken(t), token, null);
  if (!row) return (count('not-found'), send(res, 404, 'not found'));
  const body = await readBody(req) // the common cap: a class of 300 with every join and leave is ~100 KB;
  if (!body.ok && body.why === 'too-large') return (count('too-large'), refuseTooLarge(res));
  if (!body.ok) return (count('aborted'), log.warn('HTTP: request body aborted', { path: '/bbb/analytics' }));
  const server = bot.conference.server();
  if (!server) return (count('no-server'), send(res, 503, 'no BigBlueButton server configured'));
  const check = await checkAnalytics(req.headers.authorization, body.body, server.secret);
  if (!check.ok) {
    log.warn('analytics callback refused', { why: check.why });
    count(check.why);
    return send(res, check.why === 'bad-token' ? 401 : 400, check.why === 'bad-token' ? 'bad token' : 'bad payload');
  }
  if (check.meetingId !== row.bbbMeetingId) return (count('not-found'), send(res, 404, 'not found'));
  if (!bot.after.analytics.save(row, check.report)) return (count('repeat'), send(res, 202, 'accepted'));
  count('accepted');
  send(res, 202, 'accepted');
  bot.after.background.run('analytics callback', () => bot.after.analytics.arrived(row, check.report));
}
