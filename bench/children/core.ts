// The core variant: the same bot (store, BBB client, audit log) driven through app.handle, with no
// chat platform: the layer below Slack. It sends its own burst and reports what it saw.
// Environment: the bot's, plus BENCH_N, BENCH_CONCURRENCY, BENCH_COURSES, BENCH_STUDENTS.
import { performance } from 'node:perf_hooks';
import { createBot } from '../../adapters/bot.ts';
import { loadConfig } from '../../src/config.ts';
import type { Invocation } from '../../src/core/types.ts';
import { createLogger } from '../../src/log.ts';
import { joinCommands, teacherOf, type Join } from '../people.ts';
import { answerStats, ready } from './stats.ts';

answerStats();
process.on('disconnect', () => process.exit(0));
const num = (k: string): number => Number(process.env[k]);
const config = loadConfig(process.env);
const bot = createBot(config, { log: createLogger({ level: config.LOG_LEVEL, format: 'json' }) });
ready(0);

const invocation = (j: Join): Invocation => ({
  platform: 'slack',
  user: { id: j.userId, displayName: j.userName },
  room: { id: j.channelId, name: j.channelName, isDirect: false },
  text: j.text,
  source: 'command',
});

async function drive(joins: Join[], concurrency: number): Promise<{ latencies: number[]; correct: number; wallMs: number }> {
  const latencies: number[] = [];
  let correct = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < joins.length) {
        const inv = invocation(joins[next++]!);
        const t0 = performance.now();
        const replies = await bot.app.handle(inv);
        latencies.push(performance.now() - t0);
        if (replies.some((r) => r.links?.some((l) => l.kind === 'join-viewer'))) correct += 1;
      }
    }),
  );
  return { latencies, correct, wallMs: performance.now() - started };
}

const world = { courses: num('BENCH_COURSES'), students: num('BENCH_STUDENTS') };
const n = num('BENCH_N');
await drive(joinCommands(world, world.courses).map((j, k) => ({ ...j, ...teacherOf(k) })), num('BENCH_CONCURRENCY'));
const cpu0 = process.cpuUsage();
const r = await drive(joinCommands(world, n), num('BENCH_CONCURRENCY'));
const cpu = process.cpuUsage(cpu0);
const sorted = r.latencies.sort((a, b) => a - b);
process.send?.({
  cpuMsPerCommand: (cpu.user + cpu.system) / 1000 / n,
  commandsPerSecond: (n / r.wallMs) * 1000,
  p95Ms: sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN,
  correct: r.correct,
  failures: n - r.latencies.length,
  wallMs: r.wallMs,
});
