// The Vega-Lite spec of the attendance chart: one row per person, a bar for each stretch they were
// inside, coloured by role (moderators apart), on a time axis of the class in the reader's time
// zone; under it, who got a link but never came. Vega formats times in UTC only, so every instant
// is shifted to the reader's wall clock first and the axis is drawn as UTC.
import type { TopLevelSpec } from 'vega-lite';
import type { ChartData } from './data.ts';

/** The reader's words, already in their language. */
export interface ChartLabels {
  title: string;
  subtitle: string[];
  time: string;
  role: string;
  moderator: string;
  viewer: string;
  /** Heading of the never-came list ("" when nobody is on it), and the notes under the chart. */
  neverCame: string;
  notes: string[];
}

export const WIDTH = 720;
const STEP = 18;
const LINE = 16;
const NAMES_PER_LINE = 6;
const COLOURS = { moderator: '#c0392b', viewer: '#2471a3' };

/** Milliseconds to add to an instant to read its wall-clock time in `timeZone` as if it were UTC. */
export function zoneOffset(ms: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return wall - Math.floor(ms / 1000) * 1000;
}

export function chartSpec(data: ChartData, labels: ChartLabels, timeZone: string): TopLevelSpec {
  const wall = (ms: number): number => ms + zoneOffset(ms, timeZone);
  const minWidth = (data.end - data.start) / 150; // a single sample still shows as a sliver
  const names = uniqueNames(data.people.map((p) => p.name));
  const bars = data.people.flatMap((p, i) =>
    p.stretches.map((s) => ({
      person: names[i],
      role: p.moderator ? labels.moderator : labels.viewer,
      from: wall(s.from),
      to: wall(Math.min(data.end, Math.max(s.to, s.from + minWidth))),
    })),
  );
  const timeline = {
    width: WIDTH,
    height: { step: STEP },
    data: { values: bars },
    mark: { type: 'bar' as const, cornerRadius: 2 },
    encoding: {
      y: { field: 'person', type: 'nominal' as const, sort: names, title: null, axis: { labelLimit: 220 } },
      x: {
        field: 'from', type: 'temporal' as const, title: labels.time,
        scale: { type: 'utc' as const, domain: [wall(data.start), wall(data.end)] },
        axis: { format: '%H:%M', grid: true },
      },
      x2: { field: 'to' },
      color: {
        field: 'role', type: 'nominal' as const, title: labels.role,
        scale: { domain: [labels.moderator, labels.viewer], range: [COLOURS.moderator, COLOURS.viewer] },
        legend: { orient: 'top' as const },
      },
    },
  };
  const lines = [...(labels.neverCame ? [labels.neverCame, ...chunks(data.neverCame, NAMES_PER_LINE)] : []), ...labels.notes];
  const below = {
    width: WIDTH,
    height: { step: LINE },
    data: { values: lines.map((text, i) => ({ i, text })) },
    mark: { type: 'text' as const, align: 'left' as const, x: 0, fontSize: 12, limit: WIDTH },
    encoding: { y: { field: 'i', type: 'ordinal' as const, axis: null }, text: { field: 'text' } },
  };
  return {
    background: 'white',
    padding: 12,
    title: { text: labels.title, subtitle: labels.subtitle, anchor: 'start' },
    config: { font: 'DejaVu Sans', view: { stroke: null } },
    vconcat: data.people.length > 0 ? [timeline, below] : [below],
  } as TopLevelSpec;
}

/** Two people with the same name get their own rows: "Sam", "Sam (2)". */
function uniqueNames(names: string[]): string[] {
  const count = new Map<string, number>();
  return names.map((n) => {
    const k = (count.get(n) ?? 0) + 1;
    count.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

function chunks(names: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += size) out.push(names.slice(i, i + size).join(', '));
  return out;
}
