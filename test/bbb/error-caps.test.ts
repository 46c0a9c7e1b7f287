// Whatever a server sends as messageKey, message or broken content, the BBB errors carry a plain
// short key and short texts, and the user's reply stays small (property tests with fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BbbApiError, BbbInvalidResponseError, capText, safeKey, TEXT_MAX } from '../../src/bbb/errors.ts';
import { explain } from '../../src/app.ts';
import { messages } from '../../src/i18n/index.ts';
import { memoryLogger } from '../../src/log.ts';

/** Server texts: anything, often long, with markup, newlines and unicode. */
const serverText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.tuple(fc.string({ maxLength: 20 }), fc.integer({ min: 300, max: 20_000 })).map(([s, n]) => (s || 'x').repeat(n)),
  fc.constantFrom('<b>evil</b>', '@here @channel', '\u202e\u200b\n\t'),
);

describe('caps on what a BBB server says', () => {
  it('BbbApiError: the key is [A-Za-z0-9_.-]{1,64}, the message at most a few hundred characters', () => {
    fc.assert(
      fc.property(serverText, serverText, (key, message) => {
        const err = new BbbApiError('getMeetingInfo', key, message);
        expect(err.messageKey).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
        expect(err.bbbMessage.length).toBeLessThanOrEqual(TEXT_MAX);
        expect(err.message.length).toBeLessThan(450);
      }),
      { numRuns: 200 },
    );
  });

  it('BbbInvalidResponseError: the detail is capped', () => {
    fc.assert(
      fc.property(serverText, (detail) => {
        const err = new BbbInvalidResponseError('getRecordings', detail);
        expect(err.detail.length).toBeLessThanOrEqual(TEXT_MAX);
        expect(err.message.length).toBeLessThan(450);
      }),
      { numRuns: 200 },
    );
  });

  it('the reply and the log line for any refusal stay under 2 KB', () => {
    const t = messages('en');
    fc.assert(
      fc.property(serverText, serverText, (key, message) => {
        const log = memoryLogger();
        const reply = explain(new BbbApiError('create', key, message), t, '/conference', log);
        expect(reply.text.length).toBeLessThan(2048);
        for (const line of log.lines) expect(Buffer.byteLength(line)).toBeLessThan(2048);
      }),
      { numRuns: 200 },
    );
  });

  it('real keys and messages pass unchanged; capping twice changes nothing', () => {
    expect(safeKey('checksumError')).toBe('checksumError');
    expect(safeKey('idNotUnique')).toBe('idNotUnique');
    const real = 'A meeting already exists with that meeting ID. Please use a different meeting ID.';
    expect(capText(real)).toBe(real);
    fc.assert(
      fc.property(serverText, (s) => {
        expect(capText(capText(s))).toBe(capText(s));
        expect(safeKey(safeKey(s))).toBe(safeKey(s));
      }),
      { numRuns: 200 },
    );
  });
});
