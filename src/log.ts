// The logger: pino underneath (JSON lines in production, pretty in a terminal), behind a small
// interface the rest of the code uses. Every line is redacted twice: plain() blanks known
// fields (url, joinUrl, link, secret, token, authorization…) wherever they appear, and the
// finished line passes redactLine(), which masks the secrets the logger was told about (BBB
// secret, Slack/Matrix tokens), the checksum of any signed BBB URL, and drops join links.
import { pino, type Logger as Pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** json: one JSON object per line; pretty: coloured text for people; text: plain lines (tests). */
export type LogFormat = 'json' | 'pretty' | 'text';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Register a secret so that it is masked wherever it would appear in a log line. */
  addSecret(secret: string | undefined): void;
  /** A logger whose lines all carry these fields (e.g. a command id); it shares the secrets. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Fields that may carry a credential or a join link, blanked at any of the first two levels. */
const SENSITIVE = ['url', 'joinUrl', 'link', 'links', 'secret', 'token', 'accessToken', 'password', 'authorization', 'Authorization', 'cookie'];
export const REDACT_PATHS = SENSITIVE.flatMap((k) => [k, `*.${k}`]);

export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  // A signed BBB URL is a credential for that call (a join link is a seat): mask its checksum.
  return out.replace(/checksum=[0-9a-fA-F]{16,}/g, 'checksum=[redacted]');
}

/** redactText, and a join link (BBB's or the dev server's) is dropped whole: it names a seat. */
export function redactLine(text: string, secrets: Iterable<string>): string {
  return redactText(text, secrets).replace(/\b(?:https?:)?\/\/[^\s"'<>\\]*\/join\?[^\s"'<>\\]*/g, '[join link]');
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where finished lines go (default: stderr). */
  write?: (line: string) => void;
  secrets?: (string | undefined)[];
  /** Default: pretty when stderr is a terminal, else json. */
  format?: LogFormat;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => void process.stderr.write(line + '\n'));
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const secrets = new Set<string>();
  const addSecret = (s: string | undefined): void => {
    if (s && s.length >= 4) secrets.add(s);
  };
  for (const s of options.secrets ?? []) addSecret(s);
  const render = renderer(format);
  const stream = { write: (json: string) => write(render(redactLine(json.trimEnd(), secrets))) };
  const root = pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return wrap(root, addSecret);
}

function wrap(p: Pino, addSecret: (s: string | undefined) => void): Logger {
  const at = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>): void => {
    if (fields) p[level](plain(fields), msg);
    else p[level](msg);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    addSecret,
    child: (bindings) => wrap(p.child(plain(bindings)), addSecret),
  };
}

const SENSITIVE_KEYS = new Set(SENSITIVE);
const CENSOR = '[redacted]';

/**
 * Errors as {name, message, stack} (JSON.stringify would make them `{}`), and the REDACT_PATHS
 * blanked: a sensitive key at the top level or one level down. (Done here rather than with pino's
 * `redact` option, which cost ~25 µs a line: most of the audit line's cost, issue 14.)
 */
export function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = SENSITIVE_KEYS.has(k) ? CENSOR : censorChildren(v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v);
  }
  return out;
}

function censorChildren(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !Object.keys(v).some((k) => SENSITIVE_KEYS.has(k))) return v;
  const copy: Record<string, unknown> = Array.isArray(v) ? ([...v] as unknown as Record<string, unknown>) : { ...(v as Record<string, unknown>) };
  for (const k of Object.keys(copy)) if (SENSITIVE_KEYS.has(k)) copy[k] = CENSOR;
  return copy;
}

function renderer(format: LogFormat): (json: string) => string {
  if (format === 'json') return (json) => json;
  if (format === 'pretty') {
    const pretty = prettyFactory({ colorize: process.stderr.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
    return (json) => pretty(json).trimEnd();
  }
  return textLine;
}

/** `2026-01-01T10:00:00.000Z INFO msg {"field":1}`: the plain format tests read. */
function textLine(json: string): string {
  try {
    const { time, level, msg, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
    return `${String(time)} ${String(level).toUpperCase()} ${String(msg ?? '')}${extra}`;
  } catch {
    return json;
  }
}

/** A logger that keeps lines in memory (plain text format), for tests. */
export function memoryLogger(secrets: string[] = []): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', format: 'text', write: (l) => lines.push(l), secrets });
  return Object.assign(logger, { lines });
}
