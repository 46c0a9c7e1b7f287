// Seats under a participant limit. BBB's answer about who is inside is cached for a moment, and
// a link given meanwhile takes a seat as soon as it is opened: links given since the answer was
// asked for (and any given in the last minute whose owner BBB does not show inside yet: opening
// the client takes a while) count against the free seats, and near the limit the caller asks BBB again.

/** Within this many free seats a cached answer is not trusted: ask BBB again before giving a link. */
export const NEAR_LIMIT_SEATS = 3;

const KEEP_MS = 10 * 60_000;
/** A link not yet opened holds its seat this long. */
export const LINK_HOLD_MS = 60_000;

/** BBB's answer about a meeting and when it was asked for. */
export interface SeatAnswer {
  askedAt: number;
  info: { participantCount: number; attendees: { userId: string }[] };
}

export class SeatLedger {
  /** meetingID -> userID -> when their latest link was given. */
  private readonly given = new Map<string, Map<string, number>>();

  give(meetingId: string, userId: string, at: number): void {
    const users = this.given.get(meetingId) ?? new Map<string, number>();
    users.set(userId, at);
    for (const [u, t] of users) if (at - t > KEEP_MS) users.delete(u);
    this.given.set(meetingId, users);
  }

  /**
   * Seats left for `userId` (Infinity without a limit, or when they are inside already): the limit,
   * less those BBB saw inside, less the other users given a link since the answer was asked for or within LINK_HOLD_MS.
   */
  left(meetingId: string, answer: SeatAnswer, userId: string, max: number, now: number): number {
    const inside = new Set(answer.info.attendees.map((a) => a.userId));
    if (max <= 0 || inside.has(userId)) return Infinity;
    let pending = 0;
    for (const [u, t] of this.given.get(meetingId) ?? []) if (u !== userId && (t >= answer.askedAt || now - t < LINK_HOLD_MS) && !inside.has(u)) pending++;
    return max - answer.info.participantCount - pending;
  }

  /** Counts and, when a seat is left, takes it in the same step (no await between: racers cannot both take the last). */
  claim<A extends SeatAnswer>(meetingId: string, answer: A, userId: string, max: number, now: number): { left: number; state: A } {
    const left = this.left(meetingId, answer, userId, max, now);
    if (left >= 1) this.give(meetingId, userId, now);
    return { left, state: answer };
  }

  forget(meetingId: string): void {
    this.given.delete(meetingId);
  }
}
