// A meeting's scope: whose meeting it is. A course (or one of its groups), the global conference
// of the whole installation, or one user's personal room. Start, join, end, status, notify-me,
// recordings, reports, callbacks and reconciliation all take a scope; what differs between the
// kinds lives in scope-policy.ts. The scope key names a scope in the database and in
// announcements: a course's is its code (`MATH101`, `MATH101/g1`, as before); the other kinds
// start with `*`, which no course code can (config link), so they never collide with a course.
import type { Platform } from './types.ts';

export interface ScopeOwner {
  platform: Platform;
  userId: string;
}

export type MeetingScope =
  | { kind: 'course'; courseCode: string; group: string }
  | { kind: 'global' }
  | { kind: 'personal'; owner: ScopeOwner };

export type ScopeKind = MeetingScope['kind'];

export const GLOBAL: MeetingScope = { kind: 'global' };

export function courseScope(courseCode: string, group = ''): MeetingScope {
  return { kind: 'course', courseCode, group };
}

export function personalScope(platform: Platform, userId: string): MeetingScope {
  return { kind: 'personal', owner: { platform, userId } };
}

const PLATFORMS: readonly string[] = ['console', 'slack', 'matrix'];

/** The stable key of a scope (database rows, wait lists, announcement topics, join links). */
export function scopeKey(s: MeetingScope): string {
  switch (s.kind) {
    case 'course':
      return s.group ? `${s.courseCode}/${s.group}` : s.courseCode;
    case 'global':
      return '*global';
    case 'personal':
      return `*personal/${s.owner.platform}/${s.owner.userId}`;
  }
}

/** The scope a key names (the inverse of scopeKey); a key that is not one throws. */
export function parseScopeKey(key: string): MeetingScope {
  if (key === '*global') return GLOBAL;
  const personal = /^\*personal\/([a-z]+)\/(.+)$/.exec(key);
  if (personal && PLATFORMS.includes(personal[1]!)) return personalScope(personal[1] as Platform, personal[2]!);
  if (key.startsWith('*') || key === '') throw new Error(`not a scope key: ${key}`);
  const slash = key.indexOf('/');
  return slash < 0 ? courseScope(key) : courseScope(key.slice(0, slash), key.slice(slash + 1));
}

export function sameScope(a: MeetingScope, b: MeetingScope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** The course code of a course scope, else undefined. */
export function courseOf(s: MeetingScope): string | undefined {
  return s.kind === 'course' ? s.courseCode : undefined;
}
