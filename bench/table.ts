// The comparison table: medians over the rounds, the ratios, and the goals of issue 14.
import type { Figures } from './run.ts';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type Summary = Record<keyof Omit<Figures, 'kind' | 'failureSamples' | 'homeserverCalls'>, number>;

export function summarise(runs: Figures[]): Summary {
  const m = (k: keyof Summary): number => median(runs.map((r) => r[k]));
  return {
    cpuMsPerCommand: m('cpuMsPerCommand'),
    commandsPerSecond: m('commandsPerSecond'),
    p95Ms: m('p95Ms'),
    peakRssMb: m('peakRssMb'),
    bbbCalls: m('bbbCalls'),
    usersInfoCalls: m('usersInfoCalls'),
    dmsCreated: m('dmsCreated'),
    wallMs: m('wallMs'),
    harnessCpuMsPerCommand: m('harnessCpuMsPerCommand'),
    correct: Math.min(...runs.map((r) => r.correct)),
    failures: Math.max(...runs.map((r) => r.failures)),
  };
}

export interface Goals {
  cpuRatio: number;
  throughputRatio: number;
  p95Ratio: number;
  rssExtraMb: number;
}
export const GOALS: Goals = { cpuRatio: 1.4, throughputRatio: 0.7, p95Ratio: 1.3, rssExtraMb: 60 };

const f = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const mark = (ok: boolean): string => (ok ? '✔' : '✘');

/** The meeting-state cache lives 2 s (ConferenceService stateTtlMs): at most one getMeetingInfo per course per lifetime, plus one. */
export function bbbBound(courses: number, wallMs: number): number {
  return courses * (Math.ceil(wallMs / 2000) + 1);
}

export function table(floor: Summary, bot: Summary, core: Summary | undefined, courses: number): string {
  const cpu = bot.cpuMsPerCommand / floor.cpuMsPerCommand;
  const thr = bot.commandsPerSecond / floor.commandsPerSecond;
  const p95 = bot.p95Ms / floor.p95Ms;
  const rss = bot.peakRssMb - floor.peakRssMb;
  const rows = [
    ['', 'floor', 'bot', 'ratio', 'goal', 'core (no Slack)'],
    ['---', '---', '---', '---', '---', '---'],
    ['CPU per command', `${f(floor.cpuMsPerCommand)} ms`, `${f(bot.cpuMsPerCommand)} ms`, `×${f(cpu)}`, `≤ ×${GOALS.cpuRatio} ${mark(cpu <= GOALS.cpuRatio)}`, core ? `${f(core.cpuMsPerCommand)} ms` : ''],
    ['commands/s (one process)', f(floor.commandsPerSecond, 0), f(bot.commandsPerSecond, 0), f(thr), `≥ ${GOALS.throughputRatio} ${mark(thr >= GOALS.throughputRatio)}`, core ? f(core.commandsPerSecond, 0) : ''],
    ['response_url p95', `${f(floor.p95Ms, 0)} ms`, `${f(bot.p95Ms, 0)} ms`, `×${f(p95)}`, `≤ ×${GOALS.p95Ratio} ${mark(p95 <= GOALS.p95Ratio)}`, core ? `${f(core.p95Ms, 1)} ms (handle)` : ''],
    ['peak RSS', `${f(floor.peakRssMb, 0)} MB`, `${f(bot.peakRssMb, 0)} MB`, `+${f(rss, 0)} MB`, `≤ +${GOALS.rssExtraMb} MB ${mark(rss <= GOALS.rssExtraMb)}`, core ? `${f(core.peakRssMb, 0)} MB` : ''],
    ['BBB calls for the burst', '–', `${f(bot.bbbCalls, 0)} (${f(bot.bbbCalls / courses, 1)} per course)`, '', `≤ 1 per course per 2 s (${bbbBound(courses, bot.wallMs)}) ${mark(bot.bbbCalls <= bbbBound(courses, bot.wallMs))}`, core ? f(core.bbbCalls, 0) : ''],
    ['users.info calls', '–', f(bot.usersInfoCalls, 0), '', '', ''],
    ['bench process CPU per command (load, fakes, BBB)', `${f(floor.harnessCpuMsPerCommand)} ms`, `${f(bot.harnessCpuMsPerCommand)} ms`, '', '', ''],
    ['right answers (min)', f(floor.correct, 0), f(bot.correct, 0), '', '', core ? f(core.correct, 0) : ''],
  ];
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The Matrix variant beside the bot on Slack (different N and world, so per-command figures compare, totals do not). */
export function matrixTable(slack: Summary, mx: Summary, courses: number): string {
  const rows = [
    ['', 'bot on Slack', 'bot on Matrix', 'Matrix / Slack'],
    ['---', '---', '---', '---'],
    ['CPU per command', `${f(slack.cpuMsPerCommand)} ms`, `${f(mx.cpuMsPerCommand)} ms`, `×${f(mx.cpuMsPerCommand / slack.cpuMsPerCommand)}`],
    ['commands/s (one process)', f(slack.commandsPerSecond, 0), f(mx.commandsPerSecond, 0), f(mx.commandsPerSecond / slack.commandsPerSecond)],
    ['p95 (Slack: to response_url; Matrix: message posted to link in the DM)', `${f(slack.p95Ms, 0)} ms`, `${f(mx.p95Ms, 0)} ms`, `×${f(mx.p95Ms / slack.p95Ms)}`],
    ['peak RSS', `${f(slack.peakRssMb, 0)} MB`, `${f(mx.peakRssMb, 0)} MB`, ''],
    ['BBB calls for the burst', f(slack.bbbCalls, 0), `${f(mx.bbbCalls, 0)} (${f(mx.bbbCalls / courses, 1)} per course)`, ''],
    ['DMs created during the burst', '', f(mx.dmsCreated, 0), ''],
    ['bench process CPU per command (load, fakes, BBB)', `${f(slack.harnessCpuMsPerCommand)} ms`, `${f(mx.harnessCpuMsPerCommand)} ms`, ''],
    ['right answers (min)', f(slack.correct, 0), f(mx.correct, 0), ''],
  ];
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function runLine(round: number, r: Figures): string {
  return `round ${round} ${r.kind.padEnd(6)} cpu ${f(r.cpuMsPerCommand)} ms/cmd (bench ${f(r.harnessCpuMsPerCommand)})  ${f(r.commandsPerSecond, 0)} cmd/s  p95 ${f(r.p95Ms, 0)} ms  rss ${f(r.peakRssMb, 0)} MB  bbb ${r.bbbCalls}  users.info ${r.usersInfoCalls}  ${r.kind === 'matrix' ? `new DMs ${r.dmsCreated}  ` : ''}right ${r.correct}  failed ${r.failures}${r.homeserverCalls ? `\n  homeserver requests per command: ${r.homeserverCalls}` : ''}${r.failureSamples ? ` (${r.failureSamples.join('; ')})` : ''}`;
}
