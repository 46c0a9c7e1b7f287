// Prometheus metrics (prom-client) for one bot instance: its own registry, never the global one,
// so several bots (tests) can live in one process. Label values come from fixed sets (command
// paths, BBB call names, outcome words), never from user input or server texts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A command's outcome, the same words as the audit line's (src/audit.ts). */
import type { Outcome as CommandOutcome } from './audit.ts';
export type { CommandOutcome };

export interface Metrics {
  registry: Registry;
  /** The Prometheus text exposition; process metrics (memory, event loop, GC) join at the first scrape. */
  scrape(): Promise<string>;
  command(name: string, outcome: CommandOutcome, seconds: number): void;
  /** result: ok, or the failure kind (timeout, unreachable, http, api, invalid, error). */
  bbbCall(call: string, result: string, seconds: number): void;
  callback(kind: 'meeting-ended' | 'recording-ready' | 'analytics', result: string): void;
  linkGiven(role: 'MODERATOR' | 'VIEWER'): void;
}

export function createMetrics(o: { openMeetings: () => number }): Metrics {
  const registry = new Registry();
  let processMetrics = false;
  const commands = new Counter({ name: 'bbb_chatops_commands_total', help: 'Chat commands handled, by command and outcome', labelNames: ['command', 'outcome'], registers: [registry] });
  const commandSeconds = new Histogram({
    name: 'bbb_chatops_command_duration_seconds', help: 'Time to answer a chat command', labelNames: ['command'], registers: [registry],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const bbb = new Histogram({
    name: 'bbb_chatops_bbb_call_duration_seconds', help: 'BigBlueButton API calls (with retries), by call and result', labelNames: ['call', 'result'], registers: [registry],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const callbacks = new Counter({ name: 'bbb_chatops_callbacks_total', help: 'BigBlueButton callbacks received, by kind and result', labelNames: ['kind', 'result'], registers: [registry] });
  const links = new Counter({ name: 'bbb_chatops_links_given_total', help: 'Join links given to users, by role', labelNames: ['role'], registers: [registry] });
  new Gauge({
    name: 'bbb_chatops_open_meetings', help: 'Meetings the bot believes are open', registers: [registry],
    collect() {
      this.set(o.openMeetings());
    },
  });
  return {
    registry,
    async scrape() {
      if (!processMetrics) collectDefaultMetrics({ register: registry });
      processMetrics = true;
      return registry.metrics();
    },
    command(name, outcome, seconds) {
      commands.inc({ command: name, outcome });
      commandSeconds.observe({ command: name }, seconds);
    },
    bbbCall: (call, result, seconds) => bbb.observe({ call, result }, seconds),
    callback: (kind, result) => callbacks.inc({ kind, result }),
    linkGiven: (role) => links.inc({ role }),
  };
}
