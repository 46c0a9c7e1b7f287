// Starts one measured process (floor, bot, core or the Matrix bot) as a child of the bench, so its CPU time and
// peak RSS are its own. Its stderr (the bot's pino lines) goes to a file, as in production.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { ChildStats } from './children/stats.ts';

/** `matrix` is the bot process too (children/bot.ts), with Matrix settings instead of Slack's. */
export type ChildKind = 'floor' | 'bot' | 'core' | 'matrix';

export interface Child {
  port: number;
  stats(): Promise<ChildStats>;
  /** A message from the child other than ready/stats (the core variant's result). */
  result(): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startChild(kind: ChildKind, env: Record<string, string>, opts: { logFile: string; profileDir?: string | undefined }): Promise<Child> {
  const err = openSync(opts.logFile, 'a');
  const execArgv = ['--import', 'tsx', ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [])];
  const proc: ChildProcess = fork(new URL(`./children/${kind === 'matrix' ? 'bot' : kind}.ts`, import.meta.url), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'ignore', err, 'ipc'],
  });
  closeSync(err);
  const messages: unknown[] = [];
  const waiters: ((m: unknown) => void)[] = [];
  proc.on('message', (m) => {
    const w = waiters.shift();
    if (w) w(m);
    else messages.push(m);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const nextMessage = (): Promise<unknown> =>
    messages.length > 0
      ? Promise.resolve(messages.shift())
      : Promise.race([
          new Promise((resolve) => waiters.push(resolve)),
          exited.then((code) => {
            throw new Error(`bench: the ${kind} child exited (code ${code}); see ${opts.logFile}`);
          }),
        ]);
  const first = (await nextMessage()) as { ready?: number };
  if (typeof first.ready !== 'number') throw new Error(`bench: unexpected first message from ${kind}`);
  return {
    port: first.ready,
    async stats() {
      proc.send('stats?');
      return ((await nextMessage()) as { stats: ChildStats }).stats;
    },
    result: nextMessage,
    async stop() {
      if (proc.exitCode === null) {
        proc.disconnect(); // the bot shuts down cleanly (and writes its CPU profile)
        const timer = setTimeout(() => proc.kill('SIGTERM'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
