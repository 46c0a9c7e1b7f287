// `npm run bench`: the 9:00 join burst against a bare Bolt floor, the bot, and the core alone,
// alternating over several rounds; prints each run, then the medians with ratios and goals.
//   npm run bench -- [--n 5000] [--concurrency 50] [--courses 50] [--students 100] [--rounds 3]
//                    [--warmup 50] [--quick] [--profile] [--cold] [--no-core] [--json]
//                    [--matrix-n 1000] [--matrix-courses 50] [--matrix-students 20] [--no-matrix]
// --log-level warn drops the audit line (one INFO line per command) to measure what it costs.
// --profile keeps the bot's and core's CPU profiles and prints where the time went; --cold skips
// yesterday's joins, so every student is new to the bot (users.info for each; on Matrix: no DM yet).
// The Matrix variant (bench/matrix-*.ts) has its own, smaller world: see docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildKind } from './child.ts';
import { measure, setUp, type Figures, type Params } from './run.ts';
import { summarise as where } from './profile.ts';
import { matrixTable, runLine, summarise, table } from './table.ts';
import { measureMatrix, setUpMatrix } from './matrix-run.ts';
import { startMatrixWorld } from './matrix-world.ts';
import { startWorld } from './world.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string' },
    concurrency: { type: 'string' },
    courses: { type: 'string' },
    students: { type: 'string' },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    'no-core': { type: 'boolean', default: false },
    'matrix-n': { type: 'string' },
    'matrix-courses': { type: 'string' },
    'matrix-students': { type: 'string' },
    'no-matrix': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const base = values.quick
  ? { n: 60, concurrency: 5, courses: 3, students: 20, rounds: 1, warmup: 3, mxN: 30, mxCourses: 3, mxStudents: 10 }
  : { n: 5000, concurrency: 50, courses: 50, students: 100, rounds: 3, warmup: 50, mxN: 1000, mxCourses: 50, mxStudents: 20 };
const int = (v: string | undefined, d: number, name: string): number => {
  if (v === undefined) return d;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const p: Params = {
  n: int(values.n, base.n, 'n'),
  concurrency: int(values.concurrency, base.concurrency, 'concurrency'),
  courses: int(values.courses, base.courses, 'courses'),
  students: int(values.students, base.students, 'students'),
  rounds: int(values.rounds, base.rounds, 'rounds'),
  warmup: int(values.warmup, base.warmup, 'warmup'),
  profile: values.profile,
  cold: values.cold,
  logLevel: values['log-level'],
};
const mx = values['no-matrix']
  ? undefined
  : { n: int(values['matrix-n'], base.mxN, 'matrix-n'), courses: int(values['matrix-courses'], base.mxCourses, 'matrix-courses'), students: int(values['matrix-students'], base.mxStudents, 'matrix-students') };

const say = (line: string): void => void (values.json ? process.stderr : process.stdout).write(line + '\n');
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
say(`bench: N=${p.n} concurrency=${p.concurrency} courses=${p.courses} students=${p.students} rounds=${p.rounds} log-level=${p.logLevel}`);
if (mx) say(`matrix: N=${mx.n} concurrency=${p.concurrency} courses=${mx.courses} students=${mx.students} (warm DMs${p.cold ? ': no, --cold' : ''})`);
say(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${load()}`);

const world = await startWorld({ courses: p.courses, students: p.students });
const mxWorld = mx && (await startMatrixWorld({ courses: mx.courses, students: mx.students, dir: world.dir }));
const runs: Figures[] = [];
try {
  await setUp(world, p);
  if (mxWorld) await setUpMatrix(mxWorld, p, world.dir);
  for (let round = 1; round <= p.rounds; round++) {
    const kinds: ChildKind[] = values['no-core'] ? ['floor', 'bot'] : ['floor', 'bot', 'core'];
    for (const kind of kinds) {
      const r = await measure(kind, world, p, round);
      runs.push(r);
      say(runLine(round, r));
    }
    if (mx && mxWorld) {
      const r = await measureMatrix(mxWorld, p, mx.n, round, world.dir);
      runs.push(r);
      say(runLine(round, r));
    }
  }
} finally {
  await mxWorld?.close();
  await world.close();
  if (!p.profile) rmSync(world.dir, { recursive: true, force: true });
}

const of = (kind: Figures['kind']) => runs.filter((r) => r.kind === kind);
const floor = summarise(of('floor'));
const bot = summarise(of('bot'));
const core = of('core').length > 0 ? summarise(of('core')) : undefined;
const matrix = of('matrix').length > 0 ? summarise(of('matrix')) : undefined;
say('');
say(`medians over ${p.rounds} round(s); load average after: ${load()}`);
say(table(floor, bot, core, p.courses));
if (matrix && mx) say(`\nMatrix (${mx.courses} rooms × ${mx.students} students, N=${mx.n}, warm DMs${p.cold ? ': no' : ''}), beside the bot on Slack:\n${matrixTable(bot, matrix, mx.courses)}`);
if (p.profile) {
  const dir = join(world.dir, 'profiles');
  for (const run of readdirSync(dir).sort()) {
    // One profile per thread (tsx's loader runs in a worker): the main thread's is the largest.
    const files = readdirSync(join(dir, run)).map((f) => join(dir, run, f));
    const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (main) say(`\n${run}: ${main} (whole process, warm-up included)\n${where(main, 12)}`);
  }
  say(`\nCPU profiles (floor, bot, core, matrix) kept in ${dir} (open them in Chrome DevTools > Performance)`);
}
if (values.json) process.stdout.write(JSON.stringify({ params: p, matrixParams: mx, floor, bot, core, matrix, runs }) + '\n');
