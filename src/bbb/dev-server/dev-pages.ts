// Non-API pages: the leave link, the client URL of redirect=false joins, the guest lobby, recording playback.
import { handleClientJoin } from './api-join.ts';
import { guestWaitReply } from './guest-lobby.ts';
import { leave } from './meeting.ts';
import { escapeHtml, leftPage, notFoundPage, page, playbackPage } from './pages.ts';
import { htmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';

function leaveReply(sim: Simulator, q: URLSearchParams): Reply {
  const meeting = sim.find(q.get('meetingID') ?? '');
  const userId = q.get('userID') ?? '';
  const attendee = meeting?.attendees.find((a) => a.userId === userId);
  if (!meeting || !attendee) return htmlReply(notFoundPage('You are not in this meeting (any more).'), 404);
  leave(meeting, userId, sim.now());
  sim.rearm();
  sim.options.log(`${attendee.fullName} (${userId}) left ${meeting.meetingId}`);
  return htmlReply(leftPage(attendee.fullName, meeting.name));
}

function playbackReply(sim: Simulator, type: string, recordId: string): Reply {
  const recording = sim.recordings.get(recordId);
  const format = recording?.formats.find((f) => f.type === type);
  if (!recording || !format || !recording.published) return htmlReply(notFoundPage('No such published recording.'), 404);
  return htmlReply(playbackPage(recording, format));
}

export function devPage(sim: Simulator, path: string, q: URLSearchParams): Reply {
  if (path === '/dev/leave') return leaveReply(sim, q);
  if (path === '/html5client/join') return handleClientJoin(sim, q);
  if (path === '/html5client/guestWait') return guestWaitReply(sim, q);
  const playback = /^\/playback\/(?:presentation\/2\.3\/([^/]+)|video\/([^/]+)\/?)$/.exec(path);
  if (playback) {
    const [, presentation, video] = playback;
    return presentation ? playbackReply(sim, 'presentation', presentation) : playbackReply(sim, 'video', video ?? '');
  }
  if (path === '/' || path === '/bigbluebutton') {
    const api = `${sim.options.origin()}/bigbluebutton/api`;
    return htmlReply(page('BigBlueButton dev server', `<p>API: <code>${escapeHtml(api)}</code></p>`));
  }
  return htmlReply(notFoundPage(`Nothing at ${path}`), 404);
}
