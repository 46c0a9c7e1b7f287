// Requests exactly as Slack sends them to a Request URL: form-encoded (no charset), signed with
// v0 HMAC-SHA256 over `v0:{timestamp}:{raw body}`. Bodies are built from the documented samples.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { fixture } from './slack-web-api.ts';

export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
}

/** Form encoding as real Slack does it: `/` and `:` percent-encoded, spaces as `+`. */
export function formEncode(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface SlashCommandFields {
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  response_url: string;
  trigger_id?: string;
  command?: string;
}

/** slash-command.form with our fields, re-encoded the way real Slack encodes it. */
export function slashCommandBody(fields: SlashCommandFields): string {
  const sample = Object.fromEntries(new URLSearchParams(fixture('slash-command.form')));
  return formEncode({
    ...sample,
    command: '/conference',
    trigger_id: `${Date.now()}.738474920.8088930838d88f008e0`,
    is_enterprise_install: 'false',
    ...fields,
  });
}

/** Interactivity: one form field, `payload=<url-encoded JSON>`. */
export function interactionBody(payload: unknown): string {
  return formEncode({ payload: JSON.stringify(payload) });
}

export interface ClickFields {
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  action_id: string;
  value: string;
  response_url: string;
  message_ts?: string;
}

/** block-actions.json, as a Block Kit message (container.type "message") with our button. */
export function blockActionPayload(f: ClickFields): Record<string, unknown> {
  const sample = JSON.parse(fixture('block-actions.json')) as Record<string, any>;
  const ts = f.message_ts ?? '1548261231.000200';
  const action = { ...sample['actions'][0], action_id: f.action_id, block_id: 'conference_actions', value: f.value };
  return {
    ...sample,
    user: { ...sample['user'], id: f.user_id, username: f.user_name, name: f.user_name },
    container: { type: 'message', message_ts: ts, channel_id: f.channel_id, is_ephemeral: false },
    channel: { id: f.channel_id, name: f.channel_name },
    message: { ...sample['message'], ts, blocks: [] },
    response_url: f.response_url,
    actions: [action],
  };
}

/** block-actions-ephemeral.json: a click on a button in an ephemeral message (no `message`). */
export function ephemeralBlockActionPayload(f: ClickFields): Record<string, unknown> {
  const sample = JSON.parse(fixture('block-actions-ephemeral.json')) as Record<string, any>;
  return {
    ...sample,
    user: { ...sample['user'], id: f.user_id, username: f.user_name, name: f.user_name },
    container: { ...sample['container'], channel_id: f.channel_id },
    channel: { id: f.channel_id, name: f.channel_name },
    response_url: f.response_url,
    actions: [{ ...sample['actions'][0], action_id: f.action_id, block_id: 'conference_actions', value: f.value }],
  };
}

/** view-submission.json with the fields real payloads carry (api_app_id, trigger_id, token). */
export function viewSubmissionPayload(f: {
  user_id: string;
  user_name: string;
  view: { callback_id: string; private_metadata: string; blocks?: unknown[] };
  values: Record<string, Record<string, { type: string; value: string | null }>>;
}): Record<string, unknown> {
  const sample = JSON.parse(fixture('view-submission.json')) as Record<string, any>;
  return {
    ...sample,
    api_app_id: 'A123456',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    is_enterprise_install: false,
    user: { ...sample['user'], id: f.user_id, username: f.user_name, name: f.user_name },
    view: { ...sample['view'], ...f.view, state: { values: f.values }, response_urls: [] },
  };
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

/** POST to the bot's Request URL like Slack does; `signature`/`timestamp` override for negative tests. */
export function postToBot(
  url: string,
  rawBody: string,
  opts: { signingSecret: string; timestamp?: number; signature?: string; contentType?: string },
): Promise<SlackHttpResponse> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.signature ?? signSlackRequest(opts.signingSecret, timestamp, rawBody);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(rawBody),
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(rawBody);
  });
}
