// XML of getRecordings, shaped like samples/getRecordings.xml.
import { messages } from './api-error.ts';
import type { SimFormat, SimRecording } from './recordings.ts';
import { el, isXmlName, response, type XmlNode } from './xml.ts';

function formatNode(f: SimFormat, origin: string, recordId: string): XmlNode {
  const children = [el('type', f.type), el('url', f.url), el('processingTime', f.processingTime), el('length', f.length)];
  if (f.type === 'presentation') {
    const thumbs = [1, 2].map((n) =>
      el('image', `${origin}/presentation/${recordId}/thumbnails/thumb-${n}.png`, [
        ['width', '176'],
        ['height', '136'],
        ['alt', n === 1 ? 'Welcome' : '(this slide left blank for use as a whiteboard)'],
      ]),
    );
    children.push(el('preview', [el('images', thumbs)]));
  }
  return el('format', children);
}

function recordingNode(r: SimRecording, origin: string): XmlNode {
  return el('recording', [
    el('recordID', r.recordId),
    el('meetingID', r.meetingId),
    el('internalMeetingID', r.internalMeetingId),
    el('name', r.name),
    el('isBreakout', false),
    el('published', r.published),
    el('state', r.state),
    el('startTime', r.startTime),
    el('endTime', r.endTime),
    el('participants', r.participants),
    el('metadata', [...r.metadata].filter(([k]) => isXmlName(k)).map(([k, v]) => el(k, v))),
    el('playback', r.formats.map((f) => formatNode(f, origin, r.recordId))),
  ]);
}

export function recordingsXml(recordings: SimRecording[], origin: string): string {
  if (recordings.length === 0) {
    return response('SUCCESS', [el('recordings', []), el('messageKey', 'noRecordings'), el('message', messages.noRecordings)]);
  }
  return response('SUCCESS', [el('recordings', recordings.map((r) => recordingNode(r, origin)))]);
}
