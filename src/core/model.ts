// Domain records. The store persists them; commands reason about them.
import type { Platform } from './types.ts';
import type { MeetingScope } from './scope.ts';

export const LANGUAGES = ['en', 'es', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export type JoinPolicy = 'started' | 'moderator-present';

export interface Course {
  code: string;
  title: string;
  record: boolean;
  maxParticipants: number | null;
  /** Minutes; null = the deployment default. */
  durationMinutes: number | null;
  welcome: string | null;
  language: Language | null;
  joinPolicy: JoinPolicy;
}

export interface RoomLink {
  platform: Platform;
  roomId: string;
  courseCode: string;
  /** '' when the room is linked to the whole course. */
  group: string;
}

export type CourseRole = 'teacher' | 'coach';
export type Role = 'admin' | CourseRole | 'student';

export interface CourseMember {
  platform: Platform;
  userId: string;
  role: CourseRole;
  displayName: string | null;
}

export interface ServerSettings {
  url: string;
  secret: string;
}

export interface MeetingRecord {
  id: number;
  /** Whose meeting: a course (or group), the global conference, a personal room. */
  scope: MeetingScope;
  bbbMeetingId: string;
  internalMeetingId: string | null;
  createTime: string | null;
  record: boolean;
  startedByPlatform: Platform;
  startedBy: string;
  startedInRoom: string;
  createdAt: number;
  endedAt: number | null;
  endReason: string | null;
  callbackToken: string | null;
}
