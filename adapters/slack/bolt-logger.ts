// Bolt's logger interface on top of ours, so that Bolt's lines are redacted like every other line.
// Bolt's debug lines (request bodies, ack bodies) are dropped: they may carry links and user text.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';

function describe(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : safe(p)))
    .join(' ')
    .slice(0, 500);
}

function safe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function boltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info(`slack(bolt): ${describe(m)}`),
    warn: (...m: unknown[]) => log.warn(`slack(bolt): ${describe(m)}`),
    error: (...m: unknown[]) => log.error(`slack(bolt): ${describe(m)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
