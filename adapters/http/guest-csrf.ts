// CSRF protection of the guest page's form. Why both halves:
// - An HMAC token bound to the invitation and the time it was issued: only this bot can make one
//   (the key never leaves the process), it is good for one invitation only and for FORM_TTL_S.
// - The same token in a SameSite=Strict, HttpOnly cookie (double submit): a form posted from
//   another site carries no such cookie, so it is refused even by an attacker who got a valid
//   token from their own visit. SameSite=Strict alone would trust old browsers; the HMAC alone
//   would accept a replayed token from anywhere.
// No server-side session is kept. The key is drawn at start-up: a form opened before a restart
// is answered with a fresh form and a request to send it again.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const FORM_TTL_S = 2 * 3600;
export const CSRF_COOKIE = 'guest_form';

export class GuestCsrf {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => number = () => Date.now()) {}

  issue(invitationId: number): string {
    const at = Math.floor(this.now() / 1000);
    return `${at}.${this.mac(invitationId, at)}`;
  }

  /** The form field and the cookie are the same token, made here for this invitation, not too old. */
  check(invitationId: number, field: string | null, cookie: string | undefined): boolean {
    if (!field || !cookie || field.length > 100 || !same(field, cookie)) return false;
    const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(field);
    if (!m) return false;
    const at = Number(m[1]);
    const age = Math.floor(this.now() / 1000) - at;
    return age >= -60 && age <= FORM_TTL_S && same(m[2]!, this.mac(invitationId, at));
  }

  private mac(invitationId: number, at: number): string {
    return createHmac('sha256', this.key).update(`guest-form\n${invitationId}\n${at}`).digest('base64url');
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The named cookie from a Cookie header (the first one). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
