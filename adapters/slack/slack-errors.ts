// Web API errors arrive as HTTP 200 with ok:false; @slack/web-api turns them into an Error with
// code 'slack_webapi_platform_error' and data.error = the Slack error code.

/** The Slack error code of a failed Web API call (`not_in_channel`, …), or the SDK's code. */
export function slackErrorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; data?: { error?: unknown } };
    if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
    if (typeof e.code === 'string') return e.code;
  }
  return 'unknown_error';
}

/** The bot cannot post in this conversation until someone invites it. */
export function isNotInChannel(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code === 'not_in_channel' || code === 'channel_not_found';
}

/** A short random reference shown to the user and logged with the error. */
export function errorRef(): string {
  return Math.random().toString(16).slice(2, 6).padEnd(4, '0');
}
