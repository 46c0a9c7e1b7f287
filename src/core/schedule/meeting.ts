// The one place where the scheduler starts or ends a meeting: the scope's meeting with its
// settings (a course's, the global conference's), bounded by BBB's `duration` (minutes).
import type { ConferenceService, Starter } from '../conference.ts';
import type { MeetingScope } from '../scope.ts';

export function scheduledMeeting(conference: ConferenceService, scope: MeetingScope) {
  return {
    start: (by: Starter, minutes: number) => conference.start(scope, by, { durationMinutes: minutes }),
    end: () => conference.end(scope),
  };
}
