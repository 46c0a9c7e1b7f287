// Exact attendance from BBB's learning-analytics callback: one report per meeting session (stored
// once; a repeat changes nothing), one row per attendee with every join and leave.
import type { Platform } from '../core/types.ts';
import type { Db } from './db.ts';

export interface ExactAttendee {
  /** The userID of the join link (`<platform>:<user id>` for the bot's links), or BBB's id for guests. */
  extUserId: string;
  name: string;
  moderator: boolean;
  /** Epoch ms, one per session in the meeting, in order. */
  joins: number[];
  leaves: number[];
  durationSeconds: number;
  talkSeconds: number;
  chats: number;
  raisedHands: number;
  pollVotes: number;
}

export interface ExactReport {
  startedAt: number | null;
  finishedAt: number | null;
  attendees: ExactAttendee[];
}

interface AttendeeRow {
  ext_user_id: string;
  name: string;
  moderator: number;
  joins: string;
  leaves: string;
  duration_s: number;
  talk_time_s: number;
  chats: number;
  raised_hands: number;
  poll_votes: number;
}

export class AnalyticsStore {
  constructor(private readonly db: Db) {}

  /** Stores the report of a meeting. False when one was already stored (BBB or Scalelite sent it again). */
  save(meetingId: number, report: ExactReport, at: number): boolean {
    const insert = this.db.prepare(
      `INSERT INTO analytics_attendees (meeting_id, seq, ext_user_id, name, moderator, joins, leaves, duration_s, talk_time_s, chats, raised_hands, poll_votes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      const added = this.db
        .prepare('INSERT OR IGNORE INTO analytics_reports (meeting_id, received_at, started_at, finished_at) VALUES (?, ?, ?, ?)')
        .run(meetingId, at, report.startedAt, report.finishedAt).changes;
      if (added === 0) return false;
      report.attendees.forEach((a, seq) =>
        insert.run(meetingId, seq, a.extUserId, a.name, a.moderator ? 1 : 0, JSON.stringify(a.joins), JSON.stringify(a.leaves),
          a.durationSeconds, a.talkSeconds, a.chats, a.raisedHands, a.pollVotes),
      );
      return true;
    })();
  }

  /** The stored report of a meeting, if BBB sent one. */
  report(meetingId: number): ExactReport | undefined {
    const head = this.db.prepare('SELECT started_at, finished_at FROM analytics_reports WHERE meeting_id = ?').get(meetingId) as
      | { started_at: number | null; finished_at: number | null }
      | undefined;
    if (!head) return undefined;
    const rows = this.db.prepare('SELECT * FROM analytics_attendees WHERE meeting_id = ? ORDER BY seq').all(meetingId) as AttendeeRow[];
    return {
      startedAt: head.started_at,
      finishedAt: head.finished_at,
      attendees: rows.map((r) => ({
        extUserId: r.ext_user_id,
        name: r.name,
        moderator: r.moderator === 1,
        joins: JSON.parse(r.joins) as number[],
        leaves: JSON.parse(r.leaves) as number[],
        durationSeconds: r.duration_s,
        talkSeconds: r.talk_time_s,
        chats: r.chats,
        raisedHands: r.raised_hands,
        pollVotes: r.poll_votes,
      })),
    };
  }

  /** Remembers the count the end-of-class summary said (to correct it once if BBB's differs). */
  summaryPosted(meetingId: number, people: number): void {
    this.db
      .prepare('INSERT INTO meeting_summaries (meeting_id, people) VALUES (?, ?) ON CONFLICT (meeting_id) DO UPDATE SET people = excluded.people')
      .run(meetingId, people); // an update, not a replace: the summary's message references stay
  }

  /** The count the summary said, if one was posted. */
  summaryCount(meetingId: number): number | undefined {
    return (this.db.prepare('SELECT people FROM meeting_summaries WHERE meeting_id = ?').get(meetingId) as { people: number } | undefined)?.people;
  }

  /** Remembers where a room's summary was posted (a platform's message reference), to edit it later. */
  summaryMessage(meetingId: number, platform: Platform, roomId: string, ref: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO summary_messages (meeting_id, platform, room_id, ref) VALUES (?, ?, ?, ?)')
      .run(meetingId, platform, roomId, ref);
  }

  /** The reference of the summary posted in a room, if the platform gave one. */
  summaryRef(meetingId: number, platform: Platform, roomId: string): string | undefined {
    const row = this.db
      .prepare('SELECT ref FROM summary_messages WHERE meeting_id = ? AND platform = ? AND room_id = ?')
      .get(meetingId, platform, roomId) as { ref: string } | undefined;
    return row?.ref;
  }

  /** How many people BBB saw in the meeting, if its report arrived. */
  attendeeCount(meetingId: number): number | undefined {
    const row = this.db
      .prepare(
        `SELECT COUNT(DISTINCT a.ext_user_id) AS n, COUNT(r.meeting_id) AS has
         FROM analytics_reports r LEFT JOIN analytics_attendees a ON a.meeting_id = r.meeting_id WHERE r.meeting_id = ?`,
      )
      .get(meetingId) as { n: number; has: number };
    return row.has > 0 ? row.n : undefined;
  }
}
