// Guest invitations: a teacher's link (PUBLIC_URL/g/<token>) for people with no chat account.
// The token is 32 random bytes (256 bits), given once and stored only as its SHA-256. Opening the
// link shows a page asking for a name (adapters/http/guests.ts); entering counts one use and
// yields a signed guest join URL (guest=true, VIEWER), so the course's guest policy applies
// (ask-moderator unless set otherwise: moderators admit the guest).
import { courseScope } from './scope.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { GuestInvitation } from '../store/guest-invitations.ts';
import type { ConferenceService } from './conference.ts';
import { clientOptions } from './classroom.ts';
import type { Course } from './model.ts';
import type { Platform } from './types.ts';

export const GUEST_HOURS = { default: 2, max: 168 } as const;
export const GUEST_USES = { default: 10, max: 200 } as const;
export const GUEST_NAME_MAX = 64;

export type GuestRefusal = 'expired' | 'used-up' | 'revoked';
export type GuestLookup = { ok: true; invitation: GuestInvitation; course: Course } | { ok: false; reason: GuestRefusal; courseCode?: string };
export type GuestEntry = { ok: true; url: string } | { ok: false; reason: GuestRefusal | 'not-started' };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A guest's name as BBB will show it: trimmed, 1 to GUEST_NAME_MAX characters, no control
 * characters, line breaks or invisible format characters (bidi overrides could disguise a name;
 * the joiners inside emoji stay).
 */
export function guestName(raw: string): { ok: true; name: string } | { ok: false; why: 'empty' | 'too-long' | 'control' } {
  const name = raw.trim();
  if (name === '') return { ok: false, why: 'empty' };
  if (/[\p{Cc}\u2028\u2029]/u.test(name) || /[^\P{Cf}\u200C\u200D]/u.test(name)) return { ok: false, why: 'control' };
  if ([...name].length > GUEST_NAME_MAX) return { ok: false, why: 'too-long' };
  return { ok: true, name };
}

export interface GuestOptions {
  store: Store;
  conference: ConferenceService;
  publicUrl: string | undefined;
  now?: () => number;
}

export class GuestInvitations {
  private readonly now: () => number;

  constructor(private readonly o: GuestOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** Invitations need the bot's public web address. */
  get enabled(): boolean {
    return this.base() !== undefined;
  }

  private base(): string | undefined {
    return this.o.publicUrl?.replace(/\/+$/, '') || undefined;
  }

  invite(where: { courseCode: string; group: string }, by: { platform: Platform; userId: string }, hours: number, uses: number): { id: number; url: string; expiresAt: number } {
    const base = this.base();
    if (!base) throw new Error('guest invitations need PUBLIC_URL');
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + hours * 3600_000;
    const id = this.o.store.guestInvitations.insert(hash(token), {
      courseCode: where.courseCode, group: where.group, platform: by.platform, createdBy: by.userId, createdAt: now, expiresAt, maxUses: uses,
    });
    return { id, url: `${base}/g/${token}`, expiresAt };
  }

  usable(courseCode: string, group: string): GuestInvitation[] {
    return this.o.store.guestInvitations.usable(courseCode, group, this.now());
  }

  revoke(courseCode: string, group: string, id: number): boolean {
    return this.o.store.guestInvitations.revoke(courseCode, group, id, this.now());
  }

  /** The invitation behind a token and its course, or why it cannot be used (an unknown token reads as expired). */
  lookup(token: string): GuestLookup {
    const invitation = TOKEN.test(token) ? this.o.store.guestInvitations.get(hash(token)) : undefined;
    if (!invitation) return { ok: false, reason: 'expired' };
    const refused = (reason: GuestRefusal): GuestLookup => ({ ok: false, reason, courseCode: invitation.courseCode });
    if (invitation.revokedAt !== null) return refused('revoked');
    if (invitation.uses >= invitation.maxUses) return refused('used-up');
    if (invitation.expiresAt <= this.now()) return refused('expired');
    const course = this.o.store.courses.get(invitation.courseCode);
    return course ? { ok: true, invitation, course } : refused('expired');
  }

  /** A guest enters: the signed guest join URL if the class is on, one use counted; else why not. */
  async enter(token: string, name: string): Promise<GuestEntry> {
    const found = this.lookup(token);
    if (!found.ok) return found;
    const { invitation: inv, course } = found;
    const state = await this.o.conference.state(courseScope(course.code, inv.group), { fresh: true });
    if (state.status !== 'open') return { ok: false, reason: 'not-started' };
    if (course.joinPolicy === 'moderator-present' && state.info.moderatorCount === 0) return { ok: false, reason: 'not-started' };
    const userId = `guest-${inv.id}-${randomBytes(6).toString('hex')}`;
    // Signed before the use is counted, so a failure here costs no use; the last use goes to one guest only.
    const client = clientOptions(this.o.store.classroom.course(course.code), new Map());
    const url = this.o.conference.api().joinUrl({
      client, meetingId: state.info.meetingId, fullName: name, role: 'VIEWER', userId, createTime: state.info.createTime, guest: true,
    });
    if (!this.o.store.guestInvitations.use(inv.id, this.now())) {
      const again = this.lookup(token);
      return again.ok ? { ok: false, reason: 'used-up' } : again;
    }
    return { ok: true, url };
  }
}
