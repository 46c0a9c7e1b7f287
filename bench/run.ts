// One measured run: start a child (floor, bot or core), warm it up, send the burst, read its CPU
// time and peak RSS, count what it asked of BBB and Slack, stop it.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startChild, type ChildKind } from './child.ts';
import { burst, percentile, type SlashCommand } from './load.ts';
import { joinCommands, teacherOf } from './people.ts';
import { botEnv, setupCommands, SIGNING_SECRET, BOT_TOKEN, type World } from './world.ts';

export interface Params {
  n: number;
  concurrency: number;
  courses: number;
  students: number;
  rounds: number;
  warmup: number;
  profile: boolean;
  /** Skip yesterday's joins: the bot knows no student's name (every join asks users.info). */
  cold: boolean;
  /** LOG_LEVEL of the bot and core children (info: the audit line per command). */
  logLevel: string;
}

export interface Figures {
  kind: ChildKind;
  cpuMsPerCommand: number;
  commandsPerSecond: number;
  p95Ms: number;
  peakRssMb: number;
  bbbCalls: number;
  usersInfoCalls: number;
  /** Matrix: DM rooms the bot created during the burst (0 when every student has one from yesterday). */
  dmsCreated: number;
  /** CPU of the bench process itself (load generator, fake Slack, sink, BBB dev server) per command. */
  harnessCpuMsPerCommand: number;
  /** The burst's duration: BBB calls are bounded by courses × (seconds / state cache lifetime). */
  wallMs: number;
  /** Answers that were right: a VIEWER link for the bot and core, any answer for the floor. */
  correct: number;
  failures: number;
  /** Matrix: homeserver requests during the burst, per command, by endpoint (largest first). */
  homeserverCalls?: string;
  /** The first few failure messages (HTTP status, no answer on the response_url …). */
  failureSamples?: string[];
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const isViewerLink = (body: string): boolean => body.includes('role=VIEWER');
const bbbCalls = (w: World): number => Object.values(w.bbb.control.callCounts()).reduce((a, b) => a + b, 0);

function env(kind: ChildKind, w: World, port: number, p: Params): Record<string, string> {
  if (kind === 'floor') return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: w.api.apiUrl };
  const e = { ...botEnv(w, port), LOG_LEVEL: p.logLevel };
  return kind === 'core' ? { ...e, BENCH_N: String(p.n), BENCH_CONCURRENCY: String(p.concurrency), BENCH_COURSES: String(p.courses), BENCH_STUDENTS: String(p.students) } : e;
}

/** Links, teachers, started classes: done once by the first bot (the database outlives the process). */
export async function setUp(w: World, p: Params): Promise<void> {
  const child = await startChild('bot', env('bot', w, await freePort(), p), { logFile: join(w.dir, 'setup.log') });
  try {
    const url = `http://127.0.0.1:${child.port}/slack/events`;
    w.sink.done = () => true;
    const r = await burst({ url, signingSecret: SIGNING_SECRET, commands: setupCommands(w), concurrency: 1, sink: w.sink });
    if (r.failures.length > 0) throw new Error(`bench set-up failed: ${r.failures[0]}`);
    if (p.cold) return;
    // Yesterday's class: every student joined once, so the bot knows their names (as at 9:00 on a school day).
    w.sink.done = isViewerLink;
    const y = await burst({ url, signingSecret: SIGNING_SECRET, commands: joinCommands(w, w.courses * w.students), concurrency: p.concurrency, sink: w.sink });
    if (y.failures.length > 0) throw new Error(`bench set-up (yesterday's joins) failed: ${y.failures[0]}`);
  } finally {
    await child.stop();
  }
}

export async function measure(kind: ChildKind, w: World, p: Params, round: number): Promise<Figures> {
  const profileDir = p.profile ? join(w.dir, 'profiles', `${kind}-${round}`) : undefined;
  const child = await startChild(kind, env(kind, w, await freePort(), p), { logFile: join(w.dir, `${kind}-${round}.log`), profileDir });
  try {
    const before = { bbb: bbbCalls(w), users: w.api.callsTo('users.info').length };
    if (kind === 'core') return await coreFigures(child, w, before);
    const url = `http://127.0.0.1:${child.port}/slack/events`;
    const send = (commands: SlashCommand[]) => burst({ url, signingSecret: SIGNING_SECRET, commands, concurrency: p.concurrency, sink: w.sink });
    w.sink.done = kind === 'floor' ? () => true : (body) => body.includes('role=MODERATOR');
    await send(warmupCommands(w, p.warmup)); // JIT and connection warm-up, not measured
    w.sink.done = kind === 'floor' ? () => true : isViewerLink;
    const cpu0 = (await child.stats()).cpuMicros;
    const bbb0 = bbbCalls(w);
    const users0 = w.api.callsTo('users.info').length;
    const own0 = process.cpuUsage();
    const r = await send(joinCommands(w, p.n));
    const own = process.cpuUsage(own0);
    const stats = await child.stats();
    return {
      kind,
      cpuMsPerCommand: (stats.cpuMicros - cpu0) / 1000 / p.n,
      commandsPerSecond: (r.latencies.length / r.wallMs) * 1000,
      p95Ms: percentile(r.latencies, 95),
      peakRssMb: stats.maxRssKb / 1024,
      bbbCalls: bbbCalls(w) - bbb0,
      usersInfoCalls: w.api.callsTo('users.info').length - users0,
      dmsCreated: 0,
      wallMs: r.wallMs,
      harnessCpuMsPerCommand: (own.user + own.system) / 1000 / p.n,
      correct: kind === 'floor' ? r.bodies.length : r.bodies.filter(isViewerLink).length,
      failures: r.failures.length,
      ...(r.failures.length > 0 ? { failureSamples: [...new Set(r.failures)].slice(0, 3) } : {}),
    };
  } finally {
    await child.stop();
  }
}

/** Warm-up joins by the teachers (moderators): they touch every course but none of the students. */
function warmupCommands(w: World, n: number): SlashCommand[] {
  return joinCommands(w, n).map((c, k) => ({ ...c, ...teacherOf(k % w.courses) }));
}

async function coreFigures(child: Awaited<ReturnType<typeof startChild>>, w: World, before: { bbb: number; users: number }): Promise<Figures> {
  // The core reports what it measured itself (wallMs included); it has no bench-side load generator.
  const r = (await child.result()) as Omit<Figures, 'kind' | 'peakRssMb' | 'bbbCalls' | 'usersInfoCalls' | 'harnessCpuMsPerCommand' | 'dmsCreated'>;
  const stats = await child.stats();
  return { kind: 'core', harnessCpuMsPerCommand: 0, dmsCreated: 0, ...r, peakRssMb: stats.maxRssKb / 1024, bbbCalls: bbbCalls(w) - before.bbb, usersInfoCalls: w.api.callsTo('users.info').length - before.users };
}
