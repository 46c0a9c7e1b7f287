// `npx tsx bench/chart.ts`: how long `report --chart` takes to draw (Vega-Lite -> SVG -> PNG) for a
// class of 30 and of 300 people (the cap), and how long it holds the event loop (the SVG layout runs
// on it; resvg rasterises on its own thread). Medians of 5 runs after one warm-up.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { attendanceChart } from '../src/core/after/chart/attendance-chart.ts';
import type { ExactRow } from '../src/core/after/exact-report.ts';
import type { MeetingRecord } from '../src/core/model.ts';
import { messages } from '../src/i18n/index.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const meeting = { id: 1, createdAt: T0, endedAt: T0 + 90 * 60_000 } as MeetingRecord;

function rows(n: number): ExactRow[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Student ${i}`, user: `U${i}`, linkGiven: true, role: i % 15 === 0 ? 'MODERATOR' : 'VIEWER',
    sessions: [{ joined: T0 + (i % 10) * 60_000, left: T0 + 40 * 60_000 }, { joined: T0 + 45 * 60_000, left: T0 + (80 + (i % 10)) * 60_000 }],
    seconds: 0, talkSeconds: 0, chats: 0, raisedHands: 0, pollVotes: 0,
  }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const n of [30, 300]) {
  const exact = rows(n);
  const draw = () => attendanceChart({ t: messages('en'), label: 'Algebra (MATH101)', meeting, rows: { exact }, userTimeZone: undefined, botTimeZone: 'UTC', now: T0 });
  await draw();
  const times: number[] = [];
  const blocks: number[] = [];
  let size = '';
  for (let i = 0; i < 5; i++) {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    const chart = await draw();
    times.push(performance.now() - start);
    loop.disable();
    blocks.push(loop.max / 1e6);
    size = `${chart.width}x${chart.height}, ${(chart.png.length / 1024).toFixed(0)} KiB`;
  }
  console.log(`${n} people: ${median(times).toFixed(0)} ms (median of 5), longest event-loop block ${median(blocks).toFixed(0)} ms, PNG ${size}`);
}
