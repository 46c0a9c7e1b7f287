// A tiny structured logger. Every line passes through redact(), which removes the secrets it
// was told about (BBB secret, Slack/Matrix tokens) and the checksum of any signed BBB URL.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Register a secret so that it is masked wherever it would appear in a log line. */
  addSecret(secret: string | undefined): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  // A signed BBB URL is a credential for that call (a join link is a seat): mask its checksum.
  return out.replace(/checksum=[0-9a-fA-F]{16,}/g, 'checksum=[redacted]');
}

export function createLogger(options: {
  level?: LogLevel;
  write?: (line: string) => void;
  secrets?: (string | undefined)[];
} = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const secrets = new Set<string>();
  const addSecret = (s: string | undefined): void => {
    if (s && s.length >= 4) secrets.add(s);
  };
  for (const s of options.secrets ?? []) addSecret(s);
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < min) return;
    const extra = fields ? ' ' + safeJson(fields) : '';
    write(redactText(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${extra}`, secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    addSecret,
  };
}

function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    return '[unserialisable fields]';
  }
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(secrets: string[] = []): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), secrets });
  return Object.assign(logger, { lines });
}
