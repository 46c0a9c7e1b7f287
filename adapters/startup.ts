// What start-up decides before anything runs: the environment (with .env), the mode (chat or
// terminal), hints for misspelled settings, and start-up failures turned into one line of advice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, configSchema, SECRET_KEYS, withoutBlanks } from '../src/config.ts';
import { redactLine } from '../src/log.ts';
import { DatabaseTooNewError } from '../src/store/db.ts';

type Env = Record<string, string | undefined>;

/** `.env` from the working directory when present, under the real environment (real values win; blank ones count as unset). */
export function environment(cwd: string, real: Env = process.env): Env {
  const file = join(cwd, '.env');
  if (!existsSync(file)) return { ...real };
  let fromFile: Env;
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8')) as Env;
  } catch (err) {
    throw new ConfigError(`.env: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); fix or remove ${file}`);
  }
  return { ...fromFile, ...withoutBlanks(real) };
}

export type Mode = 'chat' | 'console';

/**
 * Chat when a chat platform is configured; the terminal when asked (`console`), or on a terminal
 * with no chat settings at all. Anything else (a typo under systemd or Docker) is an error.
 */
export function chooseMode(env: Env, opts: { consoleAsked: boolean; stdinIsTTY: boolean }): Mode {
  const set = withoutBlanks(env);
  if (opts.consoleAsked) return 'console';
  if (set['SLACK_BOT_TOKEN'] || set['MATRIX_ACCESS_TOKEN']) return 'chat';
  const chatSettings = Object.keys(set).some((k) => k.startsWith('SLACK_') || k.startsWith('MATRIX_'));
  if (opts.stdinIsTTY && !chatSettings) return 'console';
  const hints = settingHints(env);
  throw new ConfigError(
    'no chat platform configured: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) or MATRIX_ACCESS_TOKEN ' +
      '(with MATRIX_HOMESERVER_URL), or run "bbb-chatops console" for the terminal' +
      (hints.length ? `. ${hints.join('; ')}` : ''),
  );
}

const OURS = /^(SLACK|MATRIX|BBB|BOT)_/;

/** "SLACK_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?" for keys that look like ours. */
export function settingHints(env: Env): string[] {
  const known = Object.keys(configSchema.shape);
  const hints: string[] = [];
  for (const key of Object.keys(withoutBlanks(env))) {
    if (!OURS.test(key) || known.includes(key)) continue;
    const prefix = key.slice(0, key.indexOf('_') + 1);
    const lastWord = key.slice(key.lastIndexOf('_'));
    const best = known
      .filter((k) => k.startsWith(prefix))
      .map((k) => ({ k, d: distance(key, k) - (k.endsWith(lastWord) ? 10 : 0) }))
      .sort((a, b) => a.d - b.d)[0];
    hints.push(best && best.d <= 5 ? `${key} is not a setting; did you mean ${best.k}?` : `${key} is not a setting`);
  }
  return hints;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** A failure's words without its payload: never the object (a response object carries the request's token). */
export function describeFailure(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object') {
    const o = err as { statusCode?: unknown; body?: { errcode?: unknown } };
    const code = typeof o.body === 'object' && o.body && typeof o.body.errcode === 'string' ? ` ${o.body.errcode}` : '';
    if (typeof o.statusCode === 'number') return `HTTP ${o.statusCode}${code}`;
  }
  return typeof err === 'string' ? err : 'unexpected error';
}

/** One line on stderr for a failed start, with every configured secret masked. */
export function failureLine(err: unknown, env: Env): string {
  const known = err instanceof ConfigError || err instanceof DatabaseTooNewError;
  const text = (known ? '' : 'start-up failed: ') + describeFailure(err);
  const secrets = SECRET_KEYS.map((k) => env[k]).filter((v): v is string => typeof v === 'string');
  const line = text.replace(/\s*\n\s*/g, ' ').slice(0, 600).replace(/(Bearer\s+|access_token=)[^\s&"',]+/gi, '$1[redacted]');
  return 'bbb-chatops: ' + redactLine(line, secrets);
}

/** package.json's version. */
export function version(): string {
  // adapters/startup.ts in a checkout, dist/adapters/startup.js in a build: package.json is one or two folders up.
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // not here: try the next folder up
    }
  }
  return 'unknown';
}
