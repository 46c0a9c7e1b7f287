// `report [last|YYYY-MM-DD] [--csv]`: attendance of a class, for its teachers, coaches and admins.
import type { Command } from './context.ts';
import { refusal, roomCourse, toUser } from './context.ts';
import { attendanceRows, reportCsv, reportMeeting, reportText } from '../core/after/attendance.ts';
import { formatDay } from '../core/after/time.ts';

export const report: Command = {
  path: ['report'],
  usage: 'report [last|YYYY-MM-DD] [--csv]',
  who: 'moderator',
  async run(ctx, args) {
    const [day, ...extra] = args.words;
    if (extra.length > 0 || (day !== undefined && day !== 'last' && !/^\d{4}-\d{2}-\d{2}$/.test(day))) {
      return [refusal(ctx.t.reportBadArg(ctx.prefix))];
    }
    const { course, group, label } = roomCourse(ctx);
    const meeting = reportMeeting(ctx.store, course.code, group, day, ctx.timeZone);
    if (!meeting) return [toUser(day && day !== 'last' ? ctx.t.reportNoMeetingOn(label, day) : ctx.t.reportNoMeeting(label))];
    const rows = attendanceRows(ctx.store, meeting.id);
    if (args.options.get('csv') !== true) return [toUser(reportText(ctx.t, label, meeting, rows, ctx.timeZone))];
    const date = formatDay(meeting.createdAt, ctx.timeZone);
    const name = `attendance-${course.code}${group ? `-${group}` : ''}-${date}.csv`;
    return [{
      audience: 'user',
      text: ctx.t.reportCsvReady(label, date),
      file: { name, contentType: 'text/csv', content: reportCsv(ctx.t, rows, ctx.timeZone) },
    }];
  },
};
