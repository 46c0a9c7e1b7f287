// Checking a BigBlueButton server before it is saved (`config server`): reachable, a BBB API,
// and the secret accepted.
import { randomBytes } from 'node:crypto';
import type { BbbApi } from '../bbb/types.ts';
import { BbbApiError, BbbError, isBbbKey } from '../bbb/errors.ts';
import type { ServerSettings } from './model.ts';
import { ServerCheckError } from './errors.ts';

/** Checks a server before it is saved: reachable, a BBB API, and the secret accepted. */
export async function verifyServer(makeApi: (server: ServerSettings) => BbbApi, url: string, secret: string): Promise<{ apiBase: string; version: string }> {
  let api: BbbApi;
  try {
    api = makeApi({ url, secret });
  } catch (err) {
    throw new ServerCheckError('bad-url', err instanceof Error ? err.message : String(err));
  }
  let version: string;
  try {
    const v = await api.version();
    version = v.bbbVersion ? `BigBlueButton ${v.bbbVersion}` : `API ${v.version}`;
  } catch (err) {
    throw new ServerCheckError(isTransport(err) ? 'unreachable' : 'not-bbb', api.apiBase);
  }
  try {
    // Not getMeetings: Scalelite answers it without checking the checksum (GET_MEETINGS_API_DISABLED).
    // Every BBB and Scalelite checks getMeetingInfo's: notFound for a random meeting = the secret is right.
    await api.getMeetingInfo(`bbb-chatops-check-${randomBytes(12).toString('hex')}`);
  } catch (err) {
    if (isBbbKey(err, 'checksumError')) throw new ServerCheckError('wrong-secret', api.apiBase);
    if (!isBbbKey(err, 'notFound')) throw new ServerCheckError(isTransport(err) ? 'unreachable' : 'not-bbb', api.apiBase);
  }
  return { apiBase: api.apiBase, version };
}

function isTransport(err: unknown): boolean {
  // Transport only: an answer that is refused, not BBB's, or too large is "not a BBB server".
  return err instanceof BbbError && !(err instanceof BbbApiError) &&
    err.name !== 'BbbInvalidResponseError' && err.name !== 'BbbResponseTooLargeError';
}
