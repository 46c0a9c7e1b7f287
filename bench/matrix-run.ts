// The Matrix variant: the bot (adapters/main.ts run(), Matrix adapter on matrix-bot-sdk) as a
// child process, the fake homeserver in the bench process. A command is a `!conference …` message
// posted into a class room; it is done when the bot's answer that completes it (the join link)
// is sent into the user's DM. Same set-up, warm-up and figures as the Slack runs.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startChild } from './child.ts';
import { percentile } from './load.ts';
import { mxAdmin, mxCourseCode, mxStudent, mxTeacher, matrixBotEnv, type MatrixBenchWorld } from './matrix-world.ts';
import { freePort, type Figures, type Params } from './run.ts';

interface MxCommand { roomId: string; userId: string; text: string }
interface MxBurst { latencies: number[]; bodies: string[]; failures: string[]; wallMs: number }

const isViewerLink = (body: string): boolean => body.includes('role=VIEWER');
const isModeratorLink = (body: string): boolean => body.includes('role=MODERATOR');
const bbbCalls = (w: MatrixBenchWorld): number => Object.values(w.bbb.control.callCounts()).reduce((a, b) => a + b, 0);

/** Posts the commands, `concurrency` in flight; one waits for the first DM message to its user that `done` accepts. */
async function mxBurst(w: MatrixBenchWorld, commands: MxCommand[], concurrency: number, done: (body: string) => boolean, timeoutMs = 30_000): Promise<MxBurst> {
  const waiting = new Map<string, (m: { at: number; body: string }) => void>();
  w.onDm = (m) => {
    if (!done(m.body)) return;
    waiting.get(m.userId)?.(m);
  };
  const r: MxBurst = { latencies: [], bodies: [], failures: [], wallMs: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const c = commands[next++]!;
      if (waiting.has(c.userId)) throw new Error(`bench: ${c.userId} has two commands in flight (lower --concurrency)`);
      const answer = new Promise<{ at: number; body: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer in ${c.userId}'s DM within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(c.userId, (m) => (clearTimeout(timer), resolve(m)));
      });
      const sent = performance.now();
      w.hs.world.sendText(c.roomId, c.userId, `!conference ${c.text}`);
      try {
        const got = await answer;
        r.latencies.push(got.at - sent);
        r.bodies.push(got.body);
      } catch (err) {
        r.failures.push(err instanceof Error ? err.message : String(err));
      } finally {
        waiting.delete(c.userId);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  r.wallMs = performance.now() - started;
  w.onDm = () => undefined;
  return r;
}

/** `n` joins, course after course, each student once per `courses × students` (as bench/people.ts). */
function joins(w: MatrixBenchWorld, n: number): MxCommand[] {
  return Array.from({ length: n }, (_, k) => {
    const c = k % w.courses;
    return { roomId: w.rooms[c]!, userId: mxStudent(c, Math.floor(k / w.courses) % w.students), text: 'join' };
  });
}

const teacherJoins = (w: MatrixBenchWorld, n: number): MxCommand[] =>
  Array.from({ length: n }, (_, k) => ({ roomId: w.rooms[k % w.courses]!, userId: mxTeacher(k % w.courses), text: 'join' }));

async function setUpStep(w: MatrixBenchWorld, what: string, commands: MxCommand[], concurrency: number, done: (b: string) => boolean): Promise<void> {
  const r = await mxBurst(w, commands, concurrency, done);
  if (r.failures.length > 0) throw new Error(`bench Matrix set-up (${what}) failed: ${r.failures[0]}`);
}

/** Links each room to a course, names its teacher, starts the class (the DMs of admin and teachers are made here); then yesterday's joins unless cold. */
export async function setUpMatrix(w: MatrixBenchWorld, p: Params, dir: string): Promise<void> {
  const child = await startChild('matrix', matrixBotEnv(w, await freePort(), p.logLevel), { logFile: join(dir, 'matrix-setup.log') });
  try {
    const admin = (text: (c: number) => string): MxCommand[] => w.rooms.map((roomId, c) => ({ roomId, userId: mxAdmin(c), text: text(c) }));
    await setUpStep(w, 'link', admin((c) => `config link ${mxCourseCode(c)} Course ${c}`), 1, () => true);
    await setUpStep(w, 'teacher', admin((c) => `config teacher add ${mxTeacher(c)}`), 1, () => true);
    await setUpStep(w, 'start', w.rooms.map((roomId, c) => ({ roomId, userId: mxTeacher(c), text: 'start' })), p.concurrency, isModeratorLink);
    // Yesterday's class: every student joined once, so each has the DM the bot created (warm DMs).
    if (!p.cold) await setUpStep(w, "yesterday's joins", joins(w, w.courses * w.students), p.concurrency, isViewerLink);
  } finally {
    await child.stop();
  }
}

export async function measureMatrix(w: MatrixBenchWorld, p: Params, n: number, round: number, dir: string): Promise<Figures> {
  const profileDir = p.profile ? join(dir, 'profiles', `matrix-${round}`) : undefined;
  const child = await startChild('matrix', matrixBotEnv(w, await freePort(), p.logLevel), { logFile: join(dir, `matrix-${round}.log`), profileDir });
  try {
    await mxBurst(w, teacherJoins(w, Math.min(p.warmup, w.courses)), p.concurrency, isModeratorLink); // JIT warm-up, not measured
    const cpu0 = (await child.stats()).cpuMicros;
    const bbb0 = bbbCalls(w);
    const dms0 = w.hs.world.createRoomRequests.length;
    const req0 = new Map(w.requests);
    const own0 = process.cpuUsage();
    const r = await mxBurst(w, joins(w, n), p.concurrency, isViewerLink);
    const own = process.cpuUsage(own0);
    const stats = await child.stats();
    const perCommand = [...w.requests].map(([k, v]) => [k, (v - (req0.get(k) ?? 0)) / n] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    return {
      kind: 'matrix',
      homeserverCalls: perCommand.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '),
      cpuMsPerCommand: (stats.cpuMicros - cpu0) / 1000 / n,
      commandsPerSecond: (r.latencies.length / r.wallMs) * 1000,
      p95Ms: percentile(r.latencies, 95),
      peakRssMb: stats.maxRssKb / 1024,
      bbbCalls: bbbCalls(w) - bbb0,
      usersInfoCalls: 0,
      dmsCreated: w.hs.world.createRoomRequests.length - dms0,
      wallMs: r.wallMs,
      harnessCpuMsPerCommand: (own.user + own.system) / 1000 / n,
      correct: r.bodies.filter(isViewerLink).length,
      failures: r.failures.length,
      ...(r.failures.length > 0 ? { failureSamples: [...new Set(r.failures)].slice(0, 3) } : {}),
    };
  } finally {
    await child.stop();
  }
}
