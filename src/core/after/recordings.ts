// The recordings of a course+group meeting, as the `recordings` command lists and changes them.
// A recording is acted on only when it belongs to this course's meeting id (never another course's).
import type { BbbApi, Recording } from '../../bbb/types.ts';
import type { Messages } from '../../i18n/index.ts';
import type { Link } from '../types.ts';
import { formatName, recordingMinutes } from './announcements.ts';
import { formatWhen } from './time.ts';

/** A BBB record id as typed by a user: no commas (BBB reads a comma list), no wildcards. */
export const RECORD_ID = /^[A-Za-z0-9_-]{8,200}$/;

/** Newest first. Students see published recordings only. */
export async function courseRecordings(api: BbbApi, meetingId: string, includeUnpublished: boolean): Promise<Recording[]> {
  const state = includeUnpublished ? ['published', 'unpublished', 'processing', 'processed'] : ['published'];
  const found = await api.getRecordings({ meetingId, state });
  return found
    .filter((r) => r.meetingId === meetingId && (includeUnpublished || (r.published && r.state === 'published')))
    .sort((a, b) => b.startTime - a.startTime);
}

/** The recording with exactly this id, if it belongs to this meeting id (recordID prefixes are not honoured). */
export async function courseRecording(api: BbbApi, meetingId: string, recordId: string): Promise<Recording | undefined> {
  if (!RECORD_ID.test(recordId)) return undefined;
  const found = await api.getRecordings({ recordId, state: 'any' });
  return found.find((r) => r.recordId === recordId && r.meetingId === meetingId && r.state !== 'deleted');
}

export function listText(t: Messages, recs: Recording[], total: number, label: string, teacher: boolean, timeZone: string): { text: string; links: Link[] } {
  const lines = [t.recordingsTitle(label, recs.length, total)];
  const links: Link[] = [];
  recs.forEach((r, i) => {
    const n = i + 1;
    let line = t.recordingLine(n, formatWhen(r.startTime, timeZone, t.language), t.durationText(recordingMinutes(r)));
    if (teacher) line += t.recordingTeacherDetails(t.recordingStates[r.state] ?? r.state, r.recordId);
    lines.push(line);
    for (const f of r.formats) links.push({ url: f.url, label: t.recordingLinkLabel(n, formatName(t, f.type)), kind: 'recording' });
  });
  return { text: lines.join('\n'), links };
}
