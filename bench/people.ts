// The people of the burst, by number: course c has channel, course code, teacher and students.
// No imports: the core child uses this too and should not load the fakes.
export interface Person { userId: string; userName: string }
export interface Where { channelId: string; channelName: string }
export interface Join extends Person, Where { text: string }

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const channelOf = (c: number): { channelId: string; channelName: string } => ({ channelId: `CBENCH${pad(c, 4)}`, channelName: `course-${c}` });
export const courseCode = (c: number): string => `BENCH${pad(c, 4)}`;
export const teacherOf = (c: number): { userId: string; userName: string } => ({ userId: `UT${pad(c, 4)}`, userName: `teacher${c}` });
export const studentOf = (c: number, s: number): { userId: string; userName: string } => ({ userId: `US${pad(c, 4)}X${pad(s, 5)}`, userName: `student${c}-${s}` });

/** `n` joins, course after course (so the load spreads over them), each student once per `courses × students`. */
export function joinCommands(w: { courses: number; students: number }, n: number): Join[] {
  return Array.from({ length: n }, (_, k) => {
    const c = k % w.courses;
    return { ...studentOf(c, Math.floor(k / w.courses) % w.students), ...channelOf(c), text: 'join' };
  });
}
