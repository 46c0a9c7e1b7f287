// Reading BBB's analytics POST: the sample body as BBB sends it, and the token rule (HS512/HS256
// with the shared secret and a future exp; anything else refused) over generated tokens.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkAnalytics } from '../../src/core/after/analytics-check.ts';

const SECRET = 'shared-secret-of-the-server';
const sample = readFileSync(new URL('../fixtures/bbb/analytics-callback.json', import.meta.url));
const sign = (secret: string, alg: string, claims: Record<string, unknown>): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg }).sign(new TextEncoder().encode(secret));
const now = (): number => Math.floor(Date.now() / 1000);

describe('checkAnalytics', () => {
  it('reads the sample: meeting id, exact times to the second, engagement, guests by name', async () => {
    const check = await checkAnalytics(`Bearer ${await sign(SECRET, 'HS512', { exp: now() + 86_400 })}`, sample, SECRET);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.meetingId).toBe('bbbchatops-3f9a1c0e7d2b4a55');
    expect(check.report.startedAt).toBe(Date.UTC(2025, 0, 1, 10, 0, 0));
    const [tina, sam, kim] = check.report.attendees;
    expect(tina).toMatchObject({ extUserId: 'slack:U0TEACH01', moderator: true, talkSeconds: 1710, chats: 3 });
    expect(sam!.joins).toEqual([Date.UTC(2025, 0, 1, 10, 2, 11), Date.UTC(2025, 0, 1, 10, 31, 40)]);
    expect(sam).toMatchObject({ raisedHands: 1, pollVotes: 1, durationSeconds: 2992 });
    expect(kim).toMatchObject({ extUserId: 'matrix:@kim:school.edu', name: 'Kim', durationSeconds: 40 });
  });

  it('accepts exactly the tokens signed with the secret, HS256 or HS512, whose exp is in the future', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('HS256', 'HS384', 'HS512'),
        fc.boolean(),
        fc.option(fc.integer({ min: -86_400, max: 86_400 }).filter((d) => Math.abs(d) > 120), { nil: undefined }),
        async (alg, rightSecret, expIn) => {
          const claims = expIn === undefined ? {} : { exp: now() + expIn };
          const token = await sign(rightSecret ? SECRET : `${SECRET}x`, alg, claims);
          const check = await checkAnalytics(`Bearer ${token}`, sample, SECRET);
          const valid = alg !== 'HS384' && rightSecret && expIn !== undefined && expIn > 0;
          expect(check.ok ? 'ok' : check.why).toBe(valid ? 'ok' : 'bad-token');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a body that is not the analytics JSON once the token is good', async () => {
    const header = `Bearer ${await sign(SECRET, 'HS512', { exp: now() + 60 })}`;
    for (const body of ['', 'null', '{"meeting_id":"m"}', '{"meeting_id":"m","data":{"attendees":[{"name":"x"}]}}']) {
      expect(await checkAnalytics(header, Buffer.from(body), SECRET)).toEqual({ ok: false, why: 'bad-payload' });
    }
  });
});
