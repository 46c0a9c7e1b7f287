// Pure rules: parsing, user mentions, roles, meeting ids, configuration.
import { courseScope } from '../../src/core/scope.ts';
import { describe, expect, it } from 'vitest';
import { parseOptions, tokenize } from '../../src/core/tokens.ts';
import { parseUserMention } from '../../src/core/users.ts';
import { parseAdminList } from '../../src/core/roles.ts';
import { asciiName, bbbMeetingId, meetingName, meetingPasswords } from '../../src/core/meeting-ids.ts';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.ts';
import { redactText } from '../../src/log.ts';

describe('tokenize and options', () => {
  it('groups quoted words and pulls out options anywhere', () => {
    expect(tokenize('link MATH101 "Algebra I" --group g1')).toEqual(['link', 'MATH101', 'Algebra I', '--group', 'g1']);
    const p = parseOptions(tokenize('add @tina --coach'), []);
    expect(p.words).toEqual(['add', '@tina']);
    expect(p.options.get('coach')).toBe(true);
    const g = parseOptions(['MATH101', '--group', 'g 1', 'Algebra'], ['group']);
    expect(g).toEqual({ words: ['MATH101', 'Algebra'], options: new Map([['group', 'g 1']]) });
  });
});

describe('parseUserMention', () => {
  it('reads each platform’s way of naming a user', () => {
    expect(parseUserMention('slack', '<@U024BE7LH|bob>')).toBe('U024BE7LH');
    expect(parseUserMention('slack', '<@W024BE7LH>')).toBe('W024BE7LH');
    expect(parseUserMention('slack', 'bob')).toBeNull();
    expect(parseUserMention('matrix', '@tina:school.edu')).toBe('@tina:school.edu');
    expect(parseUserMention('matrix', 'tina')).toBeNull();
    expect(parseUserMention('console', '@tina')).toBe('tina');
    expect(parseUserMention('console', 'tina')).toBe('tina');
    expect(parseUserMention('console', '<script>')).toBeNull();
  });
});

describe('admins from the environment', () => {
  it('keeps platform:user items and ignores the rest', () => {
    expect([...parseAdminList('console:admin, slack:U1 matrix:@a:b.c,nonsense,irc:x')]).toEqual(['console:admin', 'slack:U1', 'matrix:@a:b.c']);
  });
});

describe('meeting ids and names', () => {
  it('are stable per course and group, different across them, and not hex-only', () => {
    const a = bbbMeetingId('k', courseScope('MATH101', ''));
    expect(bbbMeetingId('k', courseScope('MATH101', ''))).toBe(a);
    expect(bbbMeetingId('k', courseScope('MATH101', 'g1'))).not.toBe(a);
    expect(bbbMeetingId('other-key', courseScope('MATH101', ''))).not.toBe(a);
    expect(a).toMatch(/^bbbchatops-[0-9a-f]{40}$/);
    const pw = meetingPasswords('k', courseScope('MATH101', ''));
    expect(pw.attendee).not.toBe(pw.moderator);
    expect(pw.attendee).toHaveLength(24);
  });

  it('fit BBB limits and have an ASCII fallback', () => {
    expect(meetingName('Algèbre', 'g1')).toBe('Algèbre – g1');
    expect(meetingName('x'.repeat(100), '')).toHaveLength(64);
    expect(asciiName('Algèbre – g1')).toBe('Algebre - g1');
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ BBB_URL: 'https://x' })).toThrow(/BBB_URL and BBB_SECRET must be set together/);
    expect(() => loadConfig({ BBB_CHECKSUM_ALGORITHM: 'md5' })).toThrow(ConfigError);
    expect(() => loadConfig({ BBB_CHECKSUM_ALGORITHM: 'md5' })).toThrow(/BBB_CHECKSUM_ALGORITHM/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('masks secrets when printed', () => {
    const c = loadConfig({ BBB_URL: 'https://bbb.example.org', BBB_SECRET: 'sup3rs3cret', SLACK_BOT_TOKEN: 'xoxb-123', SLACK_SIGNING_SECRET: 'signsign' });
    const text = describeConfig(c);
    expect(text).toContain('BBB_URL=https://bbb.example.org');
    expect(text).toContain('BBB_SECRET=********');
    for (const s of ['sup3rs3cret', 'xoxb-123', 'signsign']) expect(text).not.toContain(s);
  });

  it('redacts secrets and URL checksums in log lines', () => {
    const line = redactText('secret sup3rs3cret in https://h/join?meetingID=a&checksum=0123456789abcdef0123', ['sup3rs3cret']);
    expect(line).toBe('secret [redacted] in https://h/join?meetingID=a&checksum=[redacted]');
  });
});

describe('.env.example', () => {
  it('lists every configuration key, each with a comment above it', async () => {
    const { readFileSync } = await import('node:fs');
    const { configSchema } = await import('../../src/config.ts');
    const lines = readFileSync('.env.example', 'utf8').split('\n');
    for (const key of Object.keys(configSchema.shape)) {
      const i = lines.findIndex((l) => l.startsWith(`${key}=`));
      expect(i, key).toBeGreaterThan(0);
      expect(lines[i - 1], key).toMatch(/^#/);
    }
  });
});
