// How the after-the-command services speak of a meeting's scope in its rooms: in the course's
// language (else the bot's), with the course's label, "the global conference", or the owner's room.
import { messages, type Messages } from '../../i18n/index.ts';
import type { Store } from '../../store/index.ts';
import type { Language } from '../model.ts';
import { scopeKey, type MeetingScope } from '../scope.ts';

export function scopeWords(store: Store, fallback: Language, scope: MeetingScope): { t: Messages; label: string } | undefined {
  if (scope.kind === 'course') {
    const course = store.courses.get(scope.courseCode);
    if (!course) return undefined;
    const t = messages(course.language ?? fallback);
    return { t, label: t.courseLabel(course.title, course.code, scope.group) };
  }
  const t = messages(fallback);
  if (scope.kind === 'global') return { t, label: t.rooms.globalLabel };
  return { t, label: t.rooms.personalLabel(store.scopes.get(scopeKey(scope), 'owner-name') ?? scope.owner.userId) };
}
