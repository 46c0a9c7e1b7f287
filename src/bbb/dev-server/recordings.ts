// Recordings: one per recorded session, processed after the end, then published with two formats.
import { fail, messages } from './api-error.ts';
import { metaParams } from './create-params.ts';
import { sha1Hex, type SimMeeting } from './meeting.ts';

export type RecordingState = 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';

export interface SimFormat {
  type: 'presentation' | 'video';
  url: string;
  processingTime: number;
  /** Minutes. */
  length: number;
}

export interface SimRecording {
  recordId: string;
  meetingId: string;
  internalMeetingId: string;
  name: string;
  published: boolean;
  state: RecordingState;
  startTime: number;
  endTime: number;
  participants: number;
  metadata: Map<string, string>;
  formats: SimFormat[];
}

const DEFAULT_STATES: RecordingState[] = ['published', 'unpublished'];
const ALL_STATES: RecordingState[] = ['processing', 'processed', 'published', 'unpublished', 'deleted'];

function commaList(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export class RecordingStore {
  private readonly recordings: SimRecording[] = [];

  /** The session ended with recording marks: its recording starts processing. */
  startProcessing(m: SimMeeting): SimRecording {
    const metadata = new Map(m.metadata);
    metadata.set('meetingId', m.meetingId);
    metadata.set('meetingName', m.name);
    metadata.set('isBreakout', 'false');
    const recording: SimRecording = {
      recordId: m.internalMeetingId,
      meetingId: m.meetingId,
      internalMeetingId: m.internalMeetingId,
      name: m.name,
      published: false,
      state: 'processing',
      startTime: m.createTime,
      endTime: m.endTime,
      participants: m.participants.size,
      metadata,
      formats: [],
    };
    this.recordings.push(recording);
    return recording;
  }

  publishProcessed(rec: SimRecording, origin: string, processingTime: number): void {
    const length = Math.round((rec.endTime - rec.startTime) / 60_000);
    rec.formats = [
      { type: 'presentation', url: `${origin}/playback/presentation/2.3/${rec.recordId}`, processingTime, length },
      { type: 'video', url: `${origin}/playback/video/${rec.recordId}/`, processingTime, length },
    ];
    rec.state = 'published';
    rec.published = true;
  }

  get(recordId: string): SimRecording | undefined {
    return this.recordings.find((r) => r.recordId === recordId);
  }

  all(): readonly SimRecording[] {
    return this.recordings;
  }

  /** getRecordings filters: recordID prefixes win over meetingID; state; meta_*; offset/limit. */
  query(p: URLSearchParams): SimRecording[] {
    const recordIds = commaList(p.get('recordID'));
    const meetingPrefixes = commaList(p.get('meetingID')).map((id) => sha1Hex(id));
    const stateParam = commaList(p.get('state'));
    const states = stateParam.includes('any') ? ALL_STATES : stateParam.length > 0 ? stateParam : DEFAULT_STATES;
    const metaFilters = [...metaParams(p)];
    let found = this.recordings.filter((r) => {
      if (recordIds.length > 0) {
        if (!recordIds.some((id) => r.recordId.startsWith(id))) return false;
      } else if (meetingPrefixes.length > 0 && !meetingPrefixes.some((prefix) => r.recordId.startsWith(prefix))) {
        return false;
      }
      if (!states.includes(r.state)) return false;
      return metaFilters.every(([name, value]) =>
        [...r.metadata].some(([key, v]) => key.toLowerCase() === name && v === value),
      );
    });
    const offsetParam = p.get('offset');
    const limitParam = p.get('limit');
    if (offsetParam !== null || limitParam !== null) {
      const offset = /^\d+$/.test(offsetParam ?? '') ? Number(offsetParam) : 0;
      const limitRaw = /^-?\d+$/.test(limitParam ?? '') ? Number(limitParam) : 100;
      const limit = Math.min(Math.max(limitRaw, 1), 100);
      found = found.slice(offset, offset + limit);
    }
    return found;
  }

  /** Recordings named by the recordID list (exact ids); notFound when none exists. */
  existing(p: URLSearchParams): SimRecording[] {
    const ids = commaList(p.get('recordID'));
    if (ids.length === 0) fail('missingParamRecordID', messages.missingParamRecordID);
    const found = ids.map((id) => this.get(id)).filter((r): r is SimRecording => r !== undefined);
    if (found.length === 0) fail('notFound', messages.recordingsNotFound);
    return found;
  }

  publish(p: URLSearchParams): boolean {
    const publishParam = p.get('publish');
    if (commaList(p.get('recordID')).length === 0) fail('missingParamRecordID', messages.missingParamRecordID);
    if (publishParam === null || publishParam === '') fail('missingParamPublish', messages.missingParamPublish);
    const targets = this.existing(p);
    const publish = publishParam === 'true';
    for (const r of targets) {
      if (r.state !== 'published' && r.state !== 'unpublished') continue;
      r.published = publish;
      r.state = publish ? 'published' : 'unpublished';
    }
    return publish;
  }

  delete(p: URLSearchParams): void {
    for (const r of this.existing(p)) {
      r.state = 'deleted';
      r.published = false;
    }
  }

  update(p: URLSearchParams): void {
    const targets = this.existing(p);
    const changes = metaParams(p);
    for (const r of targets) {
      for (const [name, value] of changes) {
        if (value === '') r.metadata.delete(name);
        else r.metadata.set(name, value);
      }
    }
  }
}
