/**
 * An error whose text is shown to the user as written. It must say what to do.
 * Anything else thrown inside a command is logged with a reference id and the user sees
 * "Something went wrong (ref …)".
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: 'url' | 'secret' | 'text',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** No BigBlueButton server is configured (neither by `config server` nor the environment). */
export class NoServerError extends Error {
  constructor() {
    super('No BigBlueButton server is configured');
    this.name = 'NoServerError';
  }
}

/** `config server` check failed; `kind` says which part of the input is wrong. */
export class ServerCheckError extends Error {
  constructor(
    readonly kind: 'bad-url' | 'unreachable' | 'not-bbb' | 'wrong-secret',
    readonly detail: string,
  ) {
    super(`server check failed: ${kind}`);
    this.name = 'ServerCheckError';
  }
}
