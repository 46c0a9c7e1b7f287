import { describe, it, expect } from 'vitest';
import { BbbError } from '../../src/bbb/errors.ts';
import { normalizeServerUrl } from '../../src/bbb/server-url.ts';

describe('normalizeServerUrl', () => {
  const table: [string, string][] = [
    ['https://bbb.example.com', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com/', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com/bigbluebutton', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com/bigbluebutton/', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com/bigbluebutton/api', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com/bigbluebutton/api/', 'https://bbb.example.com/bigbluebutton/api'],
    ['  https://bbb.example.com/bigbluebutton/api//  ', 'https://bbb.example.com/bigbluebutton/api'],
    ['HTTPS://BBB.Example.com', 'https://bbb.example.com/bigbluebutton/api'],
    ['http://localhost:8090', 'http://localhost:8090/bigbluebutton/api'],
    ['http://127.0.0.1:8090/bigbluebutton/api/', 'http://127.0.0.1:8090/bigbluebutton/api'],
    ['https://bbb.example.com:8443/bigbluebutton', 'https://bbb.example.com:8443/bigbluebutton/api'],
    ['https://lb.example.com/scalelite', 'https://lb.example.com/scalelite/bigbluebutton/api'],
    ['https://lb.example.com/scalelite/bigbluebutton/api/', 'https://lb.example.com/scalelite/bigbluebutton/api'],
    ['https://bbb.example.com/bigbluebutton/api?x=1#frag', 'https://bbb.example.com/bigbluebutton/api'],
    ['https://bbb.example.com?checksum=abc', 'https://bbb.example.com/bigbluebutton/api'],
    ['http://[::1]:8080/', 'http://[::1]:8080/bigbluebutton/api'],
  ];

  it.each(table)('%s -> %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['bbb.example.com', /not an absolute URL/],
    ['bbb.example.com:8443', /scheme/],
    ['ftp://bbb.example.com', /scheme "ftp:"/],
    ['file:///etc/passwd', /scheme/],
    ['javascript:alert(1)', /scheme/],
    ['not a url at all', /not an absolute URL/],
    ['https://', /not an absolute URL/],
    ['https://user:pw@bbb.example.com', /user name or password/],
    ['https://bbb.example.com/bigbluebutton/api/create', /must end at \/bigbluebutton\/api/],
  ];

  it.each(refused)('refuses %j', (input, why) => {
    let thrown: unknown;
    try {
      normalizeServerUrl(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BbbError);
    const message = (thrown as Error).message;
    expect(message).toMatch(why);
    // The message says what a valid URL looks like.
    expect(message).toContain('https://bbb.example.com/bigbluebutton/api');
  });

  it('does not echo a query string of a refused URL', () => {
    expect(() => normalizeServerUrl('ftp://h/?checksum=deadbeef')).toThrow(/^(?!.*deadbeef)/s);
  });
});
