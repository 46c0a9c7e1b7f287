// Small HTML pages a person sees when following links from the demo (join, leave, playback).
import type { SimAttendee, SimMeeting } from './meeting.ts';
import type { SimFormat, SimRecording } from './recordings.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

export function page(title: string, bodyHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} - BBB dev server</title></head>`,
    `<body><h1>${escapeHtml(title)}</h1>`,
    bodyHtml,
    '<p><small>bbb-chatops development BigBlueButton simulator</small></p>',
    '</body></html>',
    '',
  ].join('\n');
}

export function joinedPage(m: SimMeeting, a: SimAttendee): string {
  const leave = `/dev/leave?${new URLSearchParams({ meetingID: m.meetingId, userID: a.userId }).toString()}`;
  const text = `${a.fullName} joined ${m.name} as ${a.role}`;
  const welcome = m.welcome ? `<p>${escapeHtml(m.welcome)}</p>` : '';
  return page(text, `<p>${escapeHtml(text)}</p>${welcome}\n<p><a href="${escapeHtml(leave)}">Leave</a></p>`);
}

export function joinErrorPage(key: string, message: string): string {
  return page('Could not join the meeting', `<p>${escapeHtml(message)}</p>\n<p>messageKey: <code>${escapeHtml(key)}</code></p>`);
}

export function leftPage(fullName: string, meetingName: string): string {
  const text = `${fullName} left ${meetingName}`;
  return page(text, `<p>${escapeHtml(text)}</p>`);
}

export function playbackPage(r: SimRecording, f: SimFormat): string {
  const minutes = `${f.length} minute${f.length === 1 ? '' : 's'}`;
  const text = `Recording of ${r.name} (${f.type})`;
  return page(text, `<p>${escapeHtml(text)}, ${escapeHtml(minutes)}, record ${escapeHtml(r.recordId)}</p>`);
}

export function notFoundPage(what: string): string {
  return page('Not found', `<p>${escapeHtml(what)}</p>`);
}
