// The one place where the scheduler starts or ends a meeting. Today a schedule belongs to a
// course (and group); when meetings get a scope (issue 12: global conference, personal rooms),
// only this function changes.
import type { ConferenceService, Starter } from '../conference.ts';
import type { Course } from '../model.ts';

export function scheduledMeeting(conference: ConferenceService, course: Course, group: string) {
  return {
    /** The course's meeting with its settings, bounded by BBB's `duration` (minutes). */
    start: (by: Starter, minutes: number) => conference.start({ ...course, durationMinutes: minutes }, group, by),
    end: () => conference.end(course.code, group),
  };
}
