// Personal join links that cannot be passed on. With PUBLIC_URL a user gets PUBLIC_URL/j/<token>:
// valid for a few minutes and for one opening, which the bot records (a real "joined at") before
// it redirects to the signed BBB URL, made only then. Without PUBLIC_URL: the signed URL directly.
import { courseOf, parseScopeKey, scopeKey, type MeetingScope } from './scope.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { ConferenceService } from './conference.ts';
import type { Platform } from './types.ts';

export type LinkOpening =
  | { ok: true; url: string }
  | { ok: false; reason: 'used' | 'expired'; courseCode?: string | undefined; prefix?: string };

/** 32 random bytes in base64url: 256 bits. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface JoinLinkOptions {
  store: Store;
  conference: ConferenceService;
  publicUrl: string | undefined;
  ttlMs: number;
  now?: () => number;
}

export class JoinLinks {
  private readonly now: () => number;

  constructor(private readonly o: JoinLinkOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** The link one user is given for one session of a course's meeting. */
  give(
    session: { meetingId: string; createTime: string },
    user: { platform: Platform; id: string; displayName: string },
    role: 'MODERATOR' | 'VIEWER',
    where: { scope: MeetingScope; meetingRowId: number | undefined; prefix: string },
  ): string {
    const base = this.o.publicUrl?.replace(/\/+$/, '');
    if (!base) return this.o.conference.joinUrl(session, user, role, where.scope);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    this.o.store.joinLinks.insert(hash(token), {
      scopeKey: scopeKey(where.scope),
      meetingRowId: where.meetingRowId ?? null,
      bbbMeetingId: session.meetingId,
      createTime: session.createTime,
      platform: user.platform,
      userId: user.id,
      displayName: user.displayName,
      role,
      prefix: where.prefix,
      createdAt: now,
      expiresAt: now + this.o.ttlMs,
    });
    return `${base}/j/${token}`;
  }

  /** Opens a link once: the signed BBB URL the first time within its validity, else why not. */
  open(token: string): LinkOpening {
    if (!TOKEN.test(token)) return { ok: false, reason: 'expired' };
    const key = hash(token);
    const now = this.now();
    const links = this.o.store.joinLinks;
    const link = links.get(key);
    if (!link) return { ok: false, reason: 'expired' };
    const scope = parseScopeKey(link.scopeKey);
    const refused = { ok: false, courseCode: courseOf(scope), prefix: link.prefix } as const;
    if (link.openedAt !== null) return { ...refused, reason: 'used' };
    if (link.expiresAt <= now) return { ...refused, reason: 'expired' };
    // Signed before the link is spent, so a failure here leaves it usable; one opening wins a race.
    const user = { platform: link.platform, id: link.userId, displayName: link.displayName };
    const url = this.o.conference.joinUrl({ meetingId: link.bbbMeetingId, createTime: link.createTime }, user, link.role, scope);
    if (!links.consume(key, now)) return { ...refused, reason: 'used' };
    if (link.meetingRowId !== null) {
      this.o.store.attendance.sample(link.meetingRowId, [{ userId: `${link.platform}:${link.userId}`, fullName: link.displayName, role: link.role }], now);
    }
    return { ok: true, url };
  }
}
