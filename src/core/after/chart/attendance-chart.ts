// `report --chart`: the attendance timeline of a class as a PNG, in the reader's language and time
// zone (the one their chat reports, else the bot's), from BBB's analytics when they arrived, else
// from the bot's polling; each says which in the chart.
import type { Messages } from '../../../i18n/index.ts';
import type { MeetingRecord } from '../../model.ts';
import type { AttendanceRow } from '../attendance.ts';
import type { ExactRow } from '../exact-report.ts';
import { formatWhen } from '../time.ts';
import { chartData } from './data.ts';
import type { Png } from './render.ts';
import { chartSpec, type ChartLabels } from './spec.ts';

export interface ChartRequest {
  t: Messages;
  label: string;
  meeting: MeetingRecord;
  rows: { exact: ExactRow[] } | { sampled: AttendanceRow[] };
  /** The reader's time zone as their chat reports it, if it does (and it is a valid IANA zone). */
  userTimeZone: string | undefined;
  botTimeZone: string;
  now: number;
}

export interface Chart extends Png {
  svg: string;
  /** The time zone the chart is drawn in. */
  timeZone: string;
}

export async function attendanceChart(r: ChartRequest): Promise<Chart> {
  const { t } = r;
  const own = r.userTimeZone !== undefined && isTimeZone(r.userTimeZone);
  const timeZone = own ? r.userTimeZone! : r.botTimeZone;
  const data = chartData(r.meeting, r.rows, r.now);
  const notes = [
    ...(data.seen === 0 ? [t.chart.nobody] : []),
    ...(data.seen > data.people.length ? [t.chart.capped(data.people.length, data.seen)] : []),
  ];
  const labels: ChartLabels = {
    title: t.chart.title(r.label, formatWhen(r.meeting.createdAt, timeZone, t.language)),
    subtitle: [t.chart.zone(timeZone, own ? 'user' : 'bot'), data.source === 'exact' ? t.chart.sourceExact : t.chart.sourceSampled],
    time: t.chart.time,
    role: t.chart.role,
    moderator: t.reportRoles['MODERATOR'] ?? 'MODERATOR',
    viewer: t.reportRoles['VIEWER'] ?? 'VIEWER',
    neverCame: data.neverCameTotal > 0 ? t.chart.neverCame(data.neverCameTotal) : '',
    notes,
  };
  // Vega, Vega-Lite and resvg (about 50 MB once loaded) are loaded on the first chart, not at start-up.
  const { toPng, toSvg } = await import('./render.ts');
  const svg = await toSvg(chartSpec(data, labels, timeZone));
  return { svg, timeZone, ...(await toPng(svg)) };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
