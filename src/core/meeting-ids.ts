// Meeting IDs and passwords derived by HMAC from the instance key: stable per scope (so a
// repeated create is idempotent and links survive a restart) and unguessable without the database.
// A course keeps the derivation it always had (running meetings and links survive an upgrade);
// the global conference and personal rooms use their own purposes, so no course, whatever its
// code, can derive the same ID. The 'bbbchatops-' prefix keeps IDs non-hex, so BBB's loose
// internal-ID prefix lookup cannot match another meeting (REFERENCE.md section 5).
import { createHmac, randomBytes } from 'node:crypto';
import type { MeetingScope } from './scope.ts';

function derive(key: string, purpose: string, a: string, b: string, length: number): string {
  return createHmac('sha256', key).update(`${purpose}\n${a}\n${b}`).digest('hex').slice(0, length);
}

/** The purpose prefix and the two inputs of a scope's derivation. */
function inputs(s: MeetingScope): [string, string, string] {
  switch (s.kind) {
    case 'course':
      return ['', s.courseCode, s.group];
    case 'global':
      return ['global-', '', ''];
    case 'personal':
      return ['personal-', s.owner.platform, s.owner.userId];
  }
}

export function bbbMeetingId(key: string, scope: MeetingScope): string {
  const [kind, a, b] = inputs(scope);
  return `bbbchatops-${derive(key, `${kind}meeting`, a, b, 40)}`;
}

export function meetingPasswords(key: string, scope: MeetingScope): { attendee: string; moderator: string } {
  const [kind, a, b] = inputs(scope);
  return {
    attendee: derive(key, `${kind}attendee-password`, a, b, 24),
    moderator: derive(key, `${kind}moderator-password`, a, b, 24),
  };
}

/** Token for the meeting-ended callback URL of one meeting session. */
export function newCallbackToken(): string {
  return randomBytes(24).toString('base64url');
}

/** BBB names: keep to 64 characters (2.4 release notes); a fallback without accents for strict builds. */
export function meetingName(title: string, group: string): string {
  const name = group ? `${title} – ${group}` : title;
  return name.length > 64 ? name.slice(0, 63) + '…' : name.padEnd(2, '_');
}

export function asciiName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._()-]/g, '-');
  return ascii.padEnd(2, '_');
}
