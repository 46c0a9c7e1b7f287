// One INFO line per command, whatever the platform: who, where, which command, how it went, how long.
// The command's words only (e.g. "config server"), never its arguments: those may be a secret.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Invocation, Reply } from './core/types.ts';
import type { Logger } from './log.ts';
import { NoServerError, UserError } from './core/errors.ts';
import { MeetingClosingError } from './core/conference.ts';
import { BbbError } from './bbb/errors.ts';

export type Outcome = 'ok' | 'user-error' | 'refused' | 'unknown-command' | 'no-server' | 'bbb-error' | 'rate-limited' | 'error';

export interface Audit {
  /** The command's logger: its lines carry the command id. */
  log: Logger;
  /** The matched command's words; "?" until one matched. */
  command: string;
  outcome: Outcome;
  /** Records the outcome and passes the replies through. */
  set(outcome: Outcome, replies: Reply[]): Reply[];
  done(): void;
}

/** 8 random hex digits. randomUUID draws from a pooled buffer; randomBytes(4) was a system call per command. */
export function commandId(): string {
  return randomUUID().slice(0, 8);
}

export function startAudit(
  parent: Logger,
  inv: Invocation,
  onDone?: (command: string, outcome: Outcome, seconds: number) => void,
): Audit {
  const started = performance.now();
  const cmd = commandId();
  // The child logger is made only if the command logs something itself (most log nothing).
  let child: Logger | undefined;
  const own = (): Logger => (child ??= parent.child({ cmd }));
  const log: Logger = {
    debug: (msg, fields) => own().debug(msg, fields),
    info: (msg, fields) => own().info(msg, fields),
    warn: (msg, fields) => own().warn(msg, fields),
    error: (msg, fields) => own().error(msg, fields),
    addSecret: (secret) => parent.addSecret(secret),
    child: (bindings) => own().child(bindings),
  };
  const audit: Audit = {
    log,
    command: '?',
    outcome: 'error',
    set(outcome, replies) {
      audit.outcome = outcome;
      return replies;
    },
    done() {
      const ms = performance.now() - started;
      onDone?.(audit.command === '?' ? 'unknown' : audit.command, audit.outcome, ms / 1000);
      parent.info('command', {
        cmd,
        platform: inv.platform,
        room: inv.room.id,
        user: inv.user.id,
        command: audit.command,
        outcome: audit.outcome,
        ms: Math.round(ms),
      });
    },
  };
  return audit;
}

/** The audit outcome of a command that threw. */
export function outcomeOf(err: unknown): Outcome {
  if (err instanceof UserError || err instanceof MeetingClosingError) return 'user-error';
  if (err instanceof NoServerError) return 'no-server';
  if (err instanceof BbbError) return 'bbb-error';
  return 'error';
}
