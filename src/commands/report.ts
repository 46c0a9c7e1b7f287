// `report [last|YYYY-MM-DD] [--csv|--detail|--chart]`: attendance of a class, for its teachers, coaches and admins.
import type { Command, CommandContext } from './context.ts';
import { courseTarget, type Target } from './target.ts';
import type { Parsed } from '../core/tokens.ts';
import type { Reply } from '../core/types.ts';
import { refusal, roomCourse, toUser } from './context.ts';
import { attendanceRows, reportCsv, reportMeeting, reportText } from '../core/after/attendance.ts';
import { attendanceChart } from '../core/after/chart/attendance-chart.ts';
import { engagementText } from '../core/after/engagement.ts';
import { exactCsv, exactRows, exactText } from '../core/after/exact-report.ts';
import { formatDay } from '../core/after/time.ts';

export const report: Command = {
  path: ['report'],
  usage: 'report [last|YYYY-MM-DD] [--csv|--detail|--chart]',
  who: 'moderator',
  async run(ctx, args) {
    const { course, group } = roomCourse(ctx);
    return reportReplies(ctx, courseTarget(ctx), args, `${course.code}${group ? `-${group}` : ''}`);
  },
};

/** The attendance report of a target's meeting (the caller checked who may); `stem` names the files. */
export async function reportReplies(ctx: CommandContext, target: Target, args: Parsed, stem: string): Promise<Reply[]> {
  const [day, ...extra] = args.words;
  if (extra.length > 0 || (day !== undefined && day !== 'last' && !/^\d{4}-\d{2}-\d{2}$/.test(day))) {
    return [refusal(ctx.t.reportBadArg(ctx.prefix))];
  }
  const { label } = target;
  const meeting = reportMeeting(ctx.store, target.scope, day, ctx.timeZone);
  if (!meeting) return [toUser(day && day !== 'last' ? ctx.t.reportNoMeetingOn(label, day) : ctx.t.reportNoMeeting(label))];
  // BBB's analytics (exact) when they arrived, else what the bot sampled while the class ran.
  const exact = exactRows(ctx.store, meeting.id);
  if (args.options.get('detail') === true) return [toUser(exact ? engagementText(ctx.t, label, exact) : ctx.t.analytics.detailNeedsExact(label))];
  const polled = exact ? [] : attendanceRows(ctx.store, meeting.id);
  const fileName = (ext: string, timeZone = ctx.timeZone): string => `attendance-${stem}-${formatDay(meeting.createdAt, timeZone)}.${ext}`;
  if (args.options.get('chart') === true) {
    const rows = exact ? { exact } : { sampled: polled };
    const chart = await attendanceChart({ t: ctx.t, label, meeting, rows, userTimeZone: ctx.inv.user.timeZone, botTimeZone: ctx.timeZone, now: Date.now() });
    const text = ctx.t.chart.ready(label, formatDay(meeting.createdAt, chart.timeZone), chart.timeZone);
    return [{ audience: 'user', text, file: { name: fileName('png', chart.timeZone), contentType: 'image/png', content: chart.png } }];
  }
  if (args.options.get('csv') !== true) {
    return [toUser(exact ? exactText(ctx.t, label, meeting, exact, ctx.timeZone) : reportText(ctx.t, label, meeting, polled, ctx.timeZone))];
  }
  const date = formatDay(meeting.createdAt, ctx.timeZone);
  const text = exact ? ctx.t.analytics.csvReady(label, date) : `${ctx.t.reportCsvReady(label, date)} ${ctx.t.reportSampled}`;
  const content = exact ? exactCsv(ctx.t, exact, ctx.timeZone) : reportCsv(ctx.t, polled, ctx.timeZone);
  return [{ audience: 'user', text, file: { name: fileName('csv'), contentType: 'text/csv', content } }];
}
