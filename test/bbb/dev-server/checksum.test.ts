import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { DOC_SECRET, getXml, signedUrl, sum } from './helpers.ts';

// Vector #1 of REFERENCE.md, section 2.
const QUERY = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';
const VECTORS = {
  sha1: '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17',
  sha256: 'da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e',
  sha384: '891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d6e7b49a845cf29f5c6019c7d29d029d1',
  sha512:
    'de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4b120f92c0a8a58d7512cb77821884951a3b01245f3435dbbef49fff3cc3988b4',
} as const;

let server: DevBbbServer;
beforeEach(async () => {
  server = await startDevBbb({ secret: DOC_SECRET });
});
afterEach(() => server.close());

describe('checksum validation', () => {
  it('our own hashing reproduces the documented vectors', () => {
    for (const [alg, expected] of Object.entries(VECTORS)) {
      expect(sum(`create${QUERY}${DOC_SECRET}`, alg as keyof typeof VECTORS)).toBe(expected);
    }
  });

  it.each(Object.entries(VECTORS))('accepts vector #1 signed with %s', async (_alg, checksum) => {
    const r = await getXml(`${server.url}/create?${QUERY}&checksum=${checksum}`);
    expect(r.returncode).toBe('SUCCESS');
    expect(r.meetingID).toBe('abc123');
    expect(r.attendeePW).toBe('111222');
    expect(r.moderatorPW).toBe('333444');
    const info = await getXml(signedUrl(server, 'getMeetingInfo', { meetingID: 'abc123' }));
    expect(info.meetingName).toBe('Test Meeting');
  });

  it('accepts an upper-case checksum (case-insensitive compare)', async () => {
    const r = await getXml(`${server.url}/create?${QUERY}&checksum=${VECTORS.sha1.toUpperCase()}`);
    expect(r.returncode).toBe('SUCCESS');
  });

  it('accepts the checksum anywhere in the query', async () => {
    const r = await getXml(`${server.url}/create?checksum=${VECTORS.sha1}&${QUERY}`);
    expect(r.returncode).toBe('SUCCESS');
  });

  it('rejects a checksum off by one character', async () => {
    const last = VECTORS.sha1.at(-1) === '0' ? '1' : '0';
    const r = await getXml(`${server.url}/create?${QUERY}&checksum=${VECTORS.sha1.slice(0, -1)}${last}`);
    expect(r).toMatchObject({ returncode: 'FAILED', messageKey: 'checksumError', message: 'Checksums do not match' });
    const exists = await getXml(signedUrl(server, 'getMeetingInfo', { meetingID: 'abc123' }));
    expect(exists.messageKey).toBe('notFound');
  });

  it('hashes the bytes received: a sum over %20 does not validate a request sent with +', async () => {
    const overPercent20 = sum(`create${QUERY.replace('+', '%20')}${DOC_SECRET}`);
    expect(overPercent20).toBe('f1ae295e2cb9a9225152334d12c9db97d2bfee5b'); // vector #7
    const r = await getXml(`${server.url}/create?${QUERY}&checksum=${overPercent20}`);
    expect(r.messageKey).toBe('checksumError');
    // ...while the same bytes sent as %20 are accepted (no re-encoding) and decode to a space.
    const ok = await getXml(`${server.url}/create?${QUERY.replace('+', '%20')}&checksum=${overPercent20}`);
    expect(ok.returncode).toBe('SUCCESS');
    const info = await getXml(signedUrl(server, 'getMeetingInfo', { meetingID: 'abc123' }));
    expect(info.meetingName).toBe('Test Meeting');
  });

  it('rejects a missing, empty, wrongly sized or wrong-call checksum', async () => {
    for (const url of [
      `${server.url}/create?${QUERY}`,
      `${server.url}/create?${QUERY}&checksum=`,
      `${server.url}/create?${QUERY}&checksum=${VECTORS.sha1.slice(1)}`,
      `${server.url}/getMeetings`,
      signedUrl(server, 'isMeetingRunning', { meetingID: 'abc123' }).replace('/isMeetingRunning?', '/getMeetingInfo?'),
    ]) {
      const r = await getXml(url);
      expect(r.messageKey, url).toBe('checksumError');
    }
  });

  it('signs an empty query as call + secret (vector #8)', async () => {
    const r = await getXml(`${server.url}/getMeetings?checksum=2027baa7771026e9e93392f55031535d1444c41f`);
    expect(r).toMatchObject({ returncode: 'SUCCESS', messageKey: 'noMeetings' });
  });

  it('accepts the documented join vector #3 and answers with the joined page', async () => {
    const create = await getXml(
      signedUrl(server, 'create', { name: 'My Meeting', meetingID: 'My Meeting', attendeePW: 'password', moderatorPW: 'mp' }),
    );
    expect(create.returncode).toBe('SUCCESS');
    const q = 'fullName=User&meetingID=My+Meeting&password=password&redirect=true';
    const res = await fetch(`${server.url}/join?${q}&checksum=d7fdddda59b530a5acb56e77d5683c4324ceac4f`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('User joined My Meeting as VIEWER');
  });

  it('answers a join with a bad checksum by an HTML error page (redirect) or XML (redirect=false)', async () => {
    const html = await fetch(`${server.url}/join?meetingID=x&fullName=A&role=VIEWER&checksum=${'0'.repeat(40)}`);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('checksumError');
    const xml = await getXml(`${server.url}/join?meetingID=x&fullName=A&redirect=false&checksum=${'0'.repeat(40)}`);
    expect(xml.messageKey).toBe('checksumError');
  });

  it('serves the version at the API root without checksum', async () => {
    for (const url of [server.url, `${server.url}/`]) {
      const r = await getXml(url);
      expect(r).toMatchObject({ returncode: 'SUCCESS', version: '2.0', apiVersion: '2.0' });
    }
  });

  it('POST form: the checksum covers only the URL query, never the body', async () => {
    const body = new URLSearchParams({ meetingID: 'posted', name: 'Posted room' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await getXml(`${server.url}/create?checksum=${sum(`create${DOC_SECRET}`)}`, { method: 'POST', headers, body });
    expect(ok).toMatchObject({ returncode: 'SUCCESS', meetingID: 'posted' });
    const signedOverBody = sum(`create${body}${DOC_SECRET}`);
    const bad = await getXml(`${server.url}/create?checksum=${signedOverBody}`, { method: 'POST', headers, body });
    expect(bad.messageKey).toBe('checksumError');
    // A parameter both in the URL and in the body fails the check.
    const both = await getXml(signedUrl(server, 'create', { meetingID: 'posted' }), { method: 'POST', headers, body });
    expect(both.messageKey).toBe('checksumError');
    const join = await fetch(signedUrl(server, 'join', { meetingID: 'posted', fullName: 'A', role: 'VIEWER' }), { method: 'POST' });
    expect(join.status).toBe(405);
  });
});
