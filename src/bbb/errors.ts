// Typed errors of the BBB client. Messages never contain the shared secret or a signed URL.

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
    readonly messageKey: string,
    readonly bbbMessage: string,
  ) {
    super(`BigBlueButton refused ${call}: ${messageKey}${bbbMessage ? ` (${bbbMessage})` : ''}`);
  }
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
  constructor(readonly call: string, readonly detail: string) {
    super(`The server's answer to ${call} is not a BigBlueButton API response (${detail})`);
  }
}

export function isBbbKey(err: unknown, ...keys: string[]): err is BbbApiError {
  return err instanceof BbbApiError && keys.includes(err.messageKey);
}
