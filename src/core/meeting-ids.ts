// Meeting IDs and passwords derived by HMAC from the instance key: stable per course+group (so a
// repeated create is idempotent and links survive a restart) and unguessable without the database.
// The 'bbbchatops-' prefix keeps IDs non-hex, so BBB's loose internal-ID prefix lookup cannot
// match another meeting (REFERENCE.md section 5).
import { createHmac, randomBytes } from 'node:crypto';

function derive(key: string, purpose: string, courseCode: string, group: string, length: number): string {
  return createHmac('sha256', key).update(`${purpose}\n${courseCode}\n${group}`).digest('hex').slice(0, length);
}

export function bbbMeetingId(key: string, courseCode: string, group: string): string {
  return `bbbchatops-${derive(key, 'meeting', courseCode, group, 40)}`;
}

export function meetingPasswords(key: string, courseCode: string, group: string): { attendee: string; moderator: string } {
  return {
    attendee: derive(key, 'attendee-password', courseCode, group, 24),
    moderator: derive(key, 'moderator-password', courseCode, group, 24),
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
