// General rules of guest invitations, as properties (issue 13): what a guest name may be, that the
// page escapes whatever it shows, and that a CSRF token fits only its own invitation and cookie.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUEST_NAME_MAX, guestName } from '../../src/core/guests.ts';
import { formPage } from '../../adapters/http/guest-page.ts';
import { GuestCsrf } from '../../adapters/http/guest-csrf.ts';
import { messages } from '../../src/i18n/index.ts';

const RUNS = { numRuns: 300 };
const forbidden = fc.constantFrom('\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\u2066', '\u200b', '\ufeff');
const visible = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => guestName(s).ok);

describe('guest rules', () => {
  it('a name of visible characters is accepted, trimmed, exactly when it is 1 to 64 characters long', () => {
    const unit = fc.constantFrom('a', 'Z', 'é', '中', '👩\u200d💻', ' ', '-', "'", '<', '"', '&');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (raw) => {
        const name = raw.trim();
        const result = guestName(raw);
        expect(result.ok).toBe(name !== '' && [...name].length <= GUEST_NAME_MAX);
        if (result.ok) expect(result.name).toBe(name);
      }),
      RUNS,
    );
  });

  it('any forbidden character anywhere inside a name refuses it', () => {
    fc.assert(
      fc.property(visible, forbidden, visible, (a, c, b) => {
        expect(guestName(`${a}${c}${b}`)).toEqual({ ok: false, why: 'control' });
      }),
      RUNS,
    );
  });

  it('the page shows any course title and name only escaped', () => {
    const t = messages('en').guests;
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (course, name, message) => {
        const html = formPage(t, { language: 'en', course, name, csrf: '1.x', message, maxName: 64 });
        const dynamic = html.replace(/<[a-z!/][^<>]*>/g, ''); // the page's own tags out: what is left is text
        expect(dynamic).not.toMatch(/[<>]/);
        for (const attr of html.matchAll(/value="([^"]*)"/g)) expect(attr[1]).not.toMatch(/[<>"']/);
      }),
      RUNS,
    );
  });

  it('a CSRF token fits only its own invitation, equal cookie, and age', () => {
    let now = 1_800_000_000_000;
    const csrf = new GuestCsrf(() => now);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (id, other) => {
        const token = csrf.issue(id);
        expect(csrf.check(id, token, token)).toBe(true);
        expect(csrf.check(other, token, token)).toBe(id === other);
        expect(csrf.check(id, token, `${token}x`)).toBe(false);
        expect(csrf.check(id, token, undefined)).toBe(false);
        expect(new GuestCsrf(() => now).check(id, token, token)).toBe(false); // another key (a restart)
      }),
      RUNS,
    );
    const token = csrf.issue(7);
    now += 2 * 3600_000 + 1000;
    expect(csrf.check(7, token, token)).toBe(false);
  });
});
