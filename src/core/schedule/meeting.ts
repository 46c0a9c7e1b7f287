// The one place where the scheduler starts or ends a meeting. Today a schedule belongs to a
// course (and group); schedules for the other scopes (global conference, personal rooms) would
// only change this function.
import type { ConferenceService, Starter } from '../conference.ts';
import type { Course } from '../model.ts';
import { courseScope } from '../scope.ts';

export function scheduledMeeting(conference: ConferenceService, course: Course, group: string) {
  return {
    /** The course's meeting with its settings, bounded by BBB's `duration` (minutes). */
    start: (by: Starter, minutes: number) => conference.start(courseScope(course.code, group), by, { durationMinutes: minutes }),
    end: () => conference.end(courseScope(course.code, group)),
  };
}
