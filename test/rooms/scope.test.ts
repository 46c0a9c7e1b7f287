// The scope key and the meeting-ID derivation (issue 12), as properties: every scope has one key
// that names it back; no two scopes of any kinds share a key or a meeting ID, whatever a course
// is called (a course named "global", "*global" as a group, ...).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bbbMeetingId, meetingPasswords } from '../../src/core/meeting-ids.ts';
import { GLOBAL, courseScope, parseScopeKey, personalScope, scopeKey, type MeetingScope } from '../../src/core/scope.ts';
import type { Platform } from '../../src/core/types.ts';

// What config link accepts, plus words that look like the other kinds.
const code = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/), fc.constantFrom('global', 'personal', 'console'));
const group = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}$/), fc.constantFrom('global', '*global', 'tina'));
const platform = fc.constantFrom<Platform>('console', 'slack', 'matrix');
const userId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/), fc.constant('@tina:school.edu'), fc.constant('U0123/ABC'));
const scope: fc.Arbitrary<MeetingScope> = fc.oneof(
  fc.tuple(code, group).map(([c, g]) => courseScope(c, g)),
  fc.constant(GLOBAL),
  fc.tuple(platform, userId).map(([p, u]) => personalScope(p, u)),
);

describe('meeting scopes', () => {
  it('a scope key names its scope back (property)', () => {
    fc.assert(fc.property(scope, (s) => {
      expect(parseScopeKey(scopeKey(s))).toEqual(s);
    }), { numRuns: 500 });
  });

  it('different scopes never share a key, a meeting ID or passwords (property)', () => {
    fc.assert(
      fc.property(scope, scope, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(scopeKey(a)).not.toBe(scopeKey(b));
        expect(bbbMeetingId('key', a)).not.toBe(bbbMeetingId('key', b));
        expect(meetingPasswords('key', a).moderator).not.toBe(meetingPasswords('key', b).moderator);
      }),
      { numRuns: 500 },
    );
  });

  it('the global conference and personal rooms have IDs of their own, per instance key', () => {
    expect(bbbMeetingId('k', GLOBAL)).not.toBe(bbbMeetingId('k', courseScope('global')));
    expect(bbbMeetingId('k', GLOBAL)).not.toBe(bbbMeetingId('other', GLOBAL));
    expect(bbbMeetingId('k', personalScope('slack', 'U1'))).not.toBe(bbbMeetingId('k', personalScope('matrix', 'U1')));
    expect(bbbMeetingId('k', GLOBAL)).toMatch(/^bbbchatops-[0-9a-f]{40}$/);
    expect(() => parseScopeKey('*nothing')).toThrow();
  });
});
