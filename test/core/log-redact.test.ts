// The logger blanks REDACT_PATHS itself (issue 14: pino's `redact` option was most of the audit
// line's cost). The rule did not change: for any fields, the line is the one pino's redact wrote.
import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { plain, REDACT_PATHS } from '../../src/log.ts';

const SENSITIVE = REDACT_PATHS.filter((p) => !p.includes('*'));
const key = fc.constantFrom(...SENSITIVE, 'user', 'room', 'ms', 'error', 'nested', 'a');
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('log redaction', () => {
  it('blanks exactly what pino redact with REDACT_PATHS blanked, for any fields', () => {
    let spec = '';
    let ours = '';
    const withRedact = pino({ base: null, timestamp: false, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, { write: (s: string) => void (spec = s) });
    const without = pino({ base: null, timestamp: false }, { write: (s: string) => void (ours = s) });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (fields) => {
        withRedact.info(structuredClone(fields), 'm');
        without.info(plain(fields), 'm');
        expect(JSON.parse(ours)).toEqual(JSON.parse(spec));
      }),
      { numRuns: 300 },
    );
  });

  it('turns errors into name, message and stack and leaves the caller\'s object untouched', () => {
    const fields = { error: new Error('boom'), req: { token: 't0k3n', path: '/x' } };
    const out = plain(fields);
    expect(out['error']).toMatchObject({ name: 'Error', message: 'boom' });
    expect(out['req']).toEqual({ token: '[redacted]', path: '/x' });
    expect(fields.req.token).toBe('t0k3n');
  });
});
