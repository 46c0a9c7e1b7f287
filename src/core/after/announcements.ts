// The room messages of things that happen after a command: a meeting's summary, a recording.
import type { Recording } from '../../bbb/types.ts';
import type { Messages } from '../../i18n/index.ts';
import type { MeetingRecord } from '../model.ts';
import { scopeKey, type MeetingScope } from '../scope.ts';
import type { Reply } from '../types.ts';
import { formatClock, formatWhen, minutesBetween } from './time.ts';

export function summaryReply(t: Messages, label: string, row: MeetingRecord, endedAt: number, people: number, timeZone: string): Reply {
  const text = t.meetingSummary(
    label,
    formatWhen(row.createdAt, timeZone, t.language),
    formatClock(endedAt, timeZone),
    t.durationText(minutesBetween(row.createdAt, endedAt)),
    people,
  );
  return { audience: 'room', text, topic: { event: 'meeting-ended', meetingKey: scopeKey(row.scope), summaryOf: row.id }, language: t.language };
}

/** Minutes of a recording: its time span, else its longest playback. */
export function recordingMinutes(rec: Recording): number {
  if (rec.startTime > 0 && rec.endTime > rec.startTime) return minutesBetween(rec.startTime, rec.endTime);
  return Math.max(0, ...rec.formats.map((f) => f.length));
}

export function formatName(t: Messages, type: string): string {
  return t.recordingFormats[type] ?? type;
}

export function recordingReply(t: Messages, label: string, scope: MeetingScope, rec: Recording, timeZone: string): Reply {
  return {
    audience: 'room',
    text: t.recordingReady(label, formatWhen(rec.startTime, timeZone, t.language), t.durationText(recordingMinutes(rec))),
    links: rec.formats.map((f) => ({ url: f.url, label: formatName(t, f.type), kind: 'recording' as const })),
    topic: { event: 'recording-ready', meetingKey: scopeKey(scope) },
    language: t.language,
  };
}
