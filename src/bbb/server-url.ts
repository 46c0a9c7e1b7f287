// Normalises what an admin types as "the BBB server" into the API base URL.
import { BbbError } from './errors.ts';

/** The configured BBB server URL cannot be used. */
export class InvalidServerUrlError extends BbbError {}

const EXPECTED =
  'expected http(s)://host[:port][/prefix], e.g. https://bbb.example.com or https://bbb.example.com/bigbluebutton/api';

/**
 * `https://host`, `https://host/bigbluebutton` and `https://host/bigbluebutton/api` (trailing slash
 * or not) all give `https://host/bigbluebutton/api`. A path prefix (reverse proxy) and a port are
 * kept; query and fragment are dropped. Only http: and https: are accepted.
 */
export function normalizeServerUrl(input: string): string {
  const raw = typeof input === 'string' ? input.trim() : '';
  // Echo the input without any query/fragment (never echo something that might carry a token).
  const shown = JSON.stringify(raw.split(/[?#]/, 1)[0]?.slice(0, 120) ?? '');
  const fail = (why: string): never => {
    throw new InvalidServerUrlError(`Invalid BigBlueButton server URL ${shown}: ${why}; ${EXPECTED}`);
  };
  if (!raw) fail('it is empty');

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('it is not an absolute URL');
  }
  // "bbb.example.com:8443" parses with protocol "bbb.example.com:", so this also catches a missing scheme.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`scheme "${url.protocol}" is not http or https`);
  if (!url.hostname) fail('it has no host');
  // fetch() refuses URLs with embedded credentials.
  if (url.username || url.password) fail('it must not contain a user name or password');

  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/bigbluebutton(?:\/api)?$/, '');
  // e.g. a pasted call URL such as https://host/bigbluebutton/api/create
  if (/(^|\/)bigbluebutton(\/|$)/.test(path)) fail('the path must end at /bigbluebutton/api');

  return `${url.protocol}//${url.host}${path}/bigbluebutton/api`;
}
