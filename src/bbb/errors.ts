// Typed errors of the BBB client. Messages never contain the shared secret or a signed URL,
// and what a server sent is capped here (a hostile server must not fill replies or log lines).

/** BBB's keys are short camelCase words; anything else is cut to this alphabet and length. */
const KEY_MAX = 64;
/** Room for BBB's longest real messages (about 200 characters). */
export const TEXT_MAX = 300;

/** A server-sent key, reduced to [A-Za-z0-9_.-] and at most 64 characters ('unknownError' if nothing is left). */
export function safeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, KEY_MAX) || 'unknownError';
}

/** A server-sent text on one line, at most `max` characters (an ellipsis marks a cut). */
export function capText(text: string, max = TEXT_MAX): string {
  // Look at a bounded prefix only: squashing 600 KB to cut it to 300 characters is wasted work.
  const line = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return line.length > max || text.length > max * 4 ? `${line.slice(0, max - 1)}…` : line;
}

export class BbbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** BBB answered FAILED. `messageKey` is BBB's stable key (checksumError, notFound, idNotUnique, ...). */
export class BbbApiError extends BbbError {
  constructor(
    readonly call: string,
    messageKey: string,
    bbbMessage: string,
  ) {
    const key = safeKey(messageKey);
    const text = capText(bbbMessage);
    super(`BigBlueButton refused ${call}: ${key}${text ? ` (${text})` : ''}`);
    this.messageKey = key;
    this.bbbMessage = text;
  }

  readonly messageKey: string;
  readonly bbbMessage: string;
}

/** Connection refused, DNS failure, reset: the server could not be reached. */
export class BbbUnreachableError extends BbbError {
  constructor(readonly call: string, readonly host: string, options?: { cause?: unknown }) {
    super(`BigBlueButton server ${host} is unreachable (${call})`, options);
  }
}

export class BbbTimeoutError extends BbbError {
  constructor(readonly call: string, readonly timeoutMs: number) {
    super(`BigBlueButton did not answer ${call} within ${timeoutMs} ms`);
  }
}

/** Non-2xx HTTP status without a parseable BBB FAILED body. */
export class BbbHttpError extends BbbError {
  constructor(readonly call: string, readonly status: number) {
    super(`BigBlueButton answered ${call} with HTTP ${status}`);
  }
}

/** HTML, garbage, or XML that is not a BBB <response>. */
export class BbbInvalidResponseError extends BbbError {
  readonly detail: string;

  constructor(readonly call: string, detail: string) {
    const short = capText(detail);
    super(`The server's answer to ${call} is not a BigBlueButton API response (${short})`);
    this.detail = short;
  }
}

/** The answer was longer than the client reads (a broken or hostile server): the request was aborted. */
export class BbbResponseTooLargeError extends BbbError {
  constructor(readonly call: string, readonly limitBytes: number) {
    super(`The server's answer to ${call} exceeded ${limitBytes} bytes; the request was aborted`);
  }
}

export function isBbbKey(err: unknown, ...keys: string[]): err is BbbApiError {
  return err instanceof BbbApiError && keys.includes(err.messageKey);
}
