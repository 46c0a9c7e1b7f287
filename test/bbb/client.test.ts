// BbbClient against a real loopback HTTP server that serves the fixture files and records the
// raw request URLs. Checksums are re-computed here with node:crypto, not with src/bbb/checksum.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it, expect } from 'vitest';
import { BbbClient } from '../../src/bbb/client.ts';
import {
  BbbApiError, BbbHttpError, BbbInvalidResponseError, BbbTimeoutError, BbbUnreachableError,
} from '../../src/bbb/errors.ts';
import type { BbbClientOptions } from '../../src/bbb/types.ts';

const SECRET = 'S3cr3t-do-not-leak-4d1e9c0b7a';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/bbb/${name}`, import.meta.url), 'utf8');

type Reply = { status?: number; body?: string } | 'hang';
type Handler = (call: string, n: number) => Reply;

interface FakeBbb { url: string; port: number; hits: string[]; close(): Promise<void> }
const servers: FakeBbb[] = [];

/** Serves /bigbluebutton/api/<call>; `hits` holds each raw request URL as received. */
async function fakeBbb(handler: Handler): Promise<FakeBbb> {
  const hits: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '';
    hits.push(raw);
    const path = raw.split('?')[0] ?? '';
    const call = path === '/bigbluebutton/api' ? 'version' : path.replace('/bigbluebutton/api/', '');
    const reply = handler(call, hits.length);
    if (reply === 'hang') return; // never answer
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml;charset=utf-8' });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeBbb = {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  servers.push(fake);
  return fake;
}
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });

const serve = (files: Record<string, string>): Handler => (call) => {
  const file = files[call];
  return file ? { body: fixture(file) } : { status: 404, body: 'no route' };
};

function client(fake: { url: string }, extra: Partial<BbbClientOptions> = {}) {
  return new BbbClient({ url: fake.url, secret: SECRET, backoffMs: () => 1, ...extra });
}

/** The checksum the server would compute: call + raw query minus "&checksum=…" + secret. */
function serverSideCheck(rawUrl: string, alg = 'sha256') {
  const [path = '', query = ''] = rawUrl.split('?');
  const call = path.replace('/bigbluebutton/api/', '');
  const m = /^(.*?)&?checksum=([0-9a-f]+)$/.exec(query);
  if (!m) throw new Error(`no trailing checksum in ${rawUrl}`);
  const [, rest = '', sent = ''] = m;
  return { call, rest, sent, expected: createHash(alg).update(call + rest + SECRET).digest('hex') };
}

/** Awaits a rejection, checks its class and that neither the secret nor a signed URL leaks. */
async function rejection<T extends Error>(p: Promise<unknown>, cls: new (...a: never[]) => T): Promise<T> {
  const err = await p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
  expect(err).toBeInstanceOf(cls);
  const e = err as T;
  for (const text of [e.message, e.stack ?? '', String((e as { cause?: unknown }).cause ?? '')]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/checksum=[0-9a-f]/);
  }
  return e;
}

describe('BbbClient signing', () => {
  it('signs exactly the query it sends (sha256 by default), checksum last', async () => {
    const fake = await fakeBbb(serve({ create: 'create-success.xml' }));
    const created = await client(fake).create({
      meetingId: 'slack-T01-C02-abc', name: "Algèbre 1/2 & co!'()~*",
      attendeePassword: 'ap', moderatorPassword: 'mp', record: true, autoStartRecording: false,
      maxParticipants: 0, meta: { endCallbackUrl: 'https://bot.example/bbb/ended?t=x y', 'bbb-origin': 'chatops' },
    });
    expect(created.voiceBridge).toBe('09746');
    expect(fake.hits).toHaveLength(1);
    const { call, rest, sent, expected } = serverSideCheck(fake.hits[0] ?? '');
    expect(call).toBe('create');
    expect(sent).toHaveLength(64);
    expect(sent).toBe(expected);
    expect(rest).toBe(
      'meetingID=slack-T01-C02-abc&name=Alg%C3%A8bre+1%2F2+%26+co%21%27%28%29%7E*&attendeePW=ap&moderatorPW=mp' +
        '&record=true&autoStartRecording=false&maxParticipants=0' +
        '&meta_endCallbackUrl=https%3A%2F%2Fbot.example%2Fbbb%2Fended%3Ft%3Dx+y&meta_bbb-origin=chatops',
    );
  });

  it('getMeetings hashes the empty query; sha1 gives 40 hex digits', async () => {
    const fake = await fakeBbb(serve({ getMeetings: 'getMeetings.xml' }));
    const list = await client(fake, { algorithm: 'sha1' }).getMeetings();
    expect(list.map((m) => m.meetingId)).toEqual(['Demo Meeting']);
    expect(fake.hits[0]).toMatch(/^\/bigbluebutton\/api\/getMeetings\?checksum=[0-9a-f]{40}$/);
    const { rest, sent, expected } = serverSideCheck(fake.hits[0] ?? '', 'sha1');
    expect([rest, sent]).toEqual(['', expected]);
  });

  it('version() GETs the API root without checksum', async () => {
    const fake = await fakeBbb(serve({ version: 'api-version.xml' }));
    expect(await client({ url: `${fake.url}/bigbluebutton/` }).version()).toEqual({
      version: '2.0', apiVersion: '2.0', bbbVersion: '3.0.19',
    });
    expect(fake.hits).toEqual(['/bigbluebutton/api']);
  });

  it('joinUrl signs without any HTTP call; redirect and password only when given', async () => {
    const fake = await fakeBbb(() => ({ status: 500 }));
    const c = client(fake, { algorithm: 'sha512' });
    const url = c.joinUrl({
      meetingId: 'm-1', fullName: 'Zoé K', role: 'VIEWER', userId: 'U123', createTime: '1718289413143',
      userdata: { bbb_auto_join_audio: 'true' },
    });
    expect(url.startsWith(`${fake.url}/bigbluebutton/api/join?`)).toBe(true);
    const raw = url.slice(fake.url.length);
    const { rest, sent, expected } = serverSideCheck(raw, 'sha512');
    expect(sent).toBe(expected);
    expect(rest).toBe('meetingID=m-1&fullName=Zo%C3%A9+K&role=VIEWER&userID=U123&createTime=1718289413143&userdata-bbb_auto_join_audio=true');
    const withRedirect = c.joinUrl({ meetingId: 'm', fullName: 'A', role: 'MODERATOR', password: 'mp', redirect: false });
    expect(serverSideCheck(withRedirect.slice(fake.url.length), 'sha512').rest).toBe(
      'meetingID=m&fullName=A&role=MODERATOR&password=mp&redirect=false',
    );
    expect(fake.hits).toHaveLength(0);
  });

  it('refuses bad meta and userdata keys before any request', async () => {
    const fake = await fakeBbb(serve({ create: 'create-success.xml' }));
    const c = client(fake);
    expect(() => c.create({ meetingId: 'm', name: 'n', meta: { bad_key: 'x' } })).toThrow(/metadata name "bad_key"/);
    expect(() => c.create({ meetingId: 'm', name: 'n', meta: { '1x': 'x' } })).toThrow(/\[A-Za-z\]/);
    expect(() => c.joinUrl({ meetingId: 'm', fullName: 'f', role: 'VIEWER', userdata: { 'a-b': 'x' } })).toThrow(/userdata key/);
    expect(fake.hits).toHaveLength(0);
  });
});

describe('BbbClient answers', () => {
  it('maps duplicateWarning, noMeetings, noRecordings and early-2.4 validationError', async () => {
    const fake = await fakeBbb(serve({
      create: 'create-duplicateWarning.xml', getMeetings: 'getMeetings-empty.xml',
      getRecordings: 'getRecordings-empty.xml', getMeetingInfo: 'error-validationError-getMeetingInfo-2.4early.xml',
      isMeetingRunning: 'isMeetingRunning-false.xml', end: 'end-success.xml',
    }));
    const c = client(fake);
    expect((await c.create({ meetingId: 'Test', name: 'Test' })).duplicate).toBe(true);
    expect(await c.getMeetings()).toEqual([]);
    expect(await c.getRecordings({ meetingId: ['a', 'b'], state: 'any' })).toEqual([]);
    expect(await c.isMeetingRunning('x')).toBe(false);
    await expect(c.end('x')).resolves.toBeUndefined();
    const err = await rejection(c.getMeetingInfo('gone'), BbbApiError);
    expect([err.call, err.messageKey]).toEqual(['getMeetingInfo', 'notFound']);
    expect(fake.hits.find((h) => h.startsWith('/bigbluebutton/api/getRecordings?'))).toMatch(/^[^?]+\?meetingID=a%2Cb&state=any&checksum=/);
  });

  it('FAILED with <messageKey> -> BbbApiError', async () => {
    const fake = await fakeBbb(serve({ create: 'error-checksum.xml', getMeetingInfo: 'error-notFound-getMeetingInfo.xml' }));
    const err = await rejection(client(fake).create({ meetingId: 'm', name: 'n' }), BbbApiError);
    expect([err.messageKey, err.bbbMessage]).toEqual(['checksumError', 'Checksums do not match']);
    expect((await rejection(client(fake).getMeetingInfo('m'), BbbApiError)).messageKey).toBe('notFound');
    expect(fake.hits).toHaveLength(2); // a FAILED read is an answer: not retried
  });

  it('FAILED with <errors><error><key> -> BbbApiError', async () => {
    const body = '<response><returncode>FAILED</returncode><errors><error><key>missingParamMeetingID</key>' +
      '<message>You must specify a meeting ID for the meeting.</message></error></errors></response>';
    const fake = await fakeBbb(() => ({ body }));
    const err = await rejection(client(fake).end(''), BbbApiError);
    expect(err.messageKey).toBe('missingParamMeetingID');
  });

  it('a FAILED body is parsed whatever the HTTP status, and not retried', async () => {
    const fake = await fakeBbb(() => ({ status: 500, body: fixture('error-idNotUnique.xml') }));
    expect((await rejection(client(fake).getMeetingInfo('m'), BbbApiError)).messageKey).toBe('idNotUnique');
    expect(fake.hits).toHaveLength(1);
  });

  it('HTML instead of XML -> BbbInvalidResponseError (not retried)', async () => {
    const fake = await fakeBbb(() => ({ body: '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>Login</body></html>' }));
    await rejection(client(fake).getMeetings(), BbbInvalidResponseError);
    expect(fake.hits).toHaveLength(1);
  });

  it('XML that is not a <response>, or a SUCCESS missing fields -> BbbInvalidResponseError', async () => {
    const fake = await fakeBbb((call) => ({ body: call === 'getMeetings' ? '<meetings/>' : '<response><returncode>SUCCESS</returncode></response>' }));
    await rejection(client(fake).getMeetings(), BbbInvalidResponseError);
    const err = await rejection(client(fake).isMeetingRunning('m'), BbbInvalidResponseError);
    expect(err.message).toContain('running');
  });
});

describe('BbbClient transport failures and retries', () => {
  it('HTTP 502 with empty body -> BbbHttpError; reads retried readRetries times', async () => {
    const fake = await fakeBbb(() => ({ status: 502 }));
    const err = await rejection(client(fake).getMeetingInfo('m'), BbbHttpError);
    expect(err.status).toBe(502);
    expect(fake.hits).toHaveLength(3); // 1 + default readRetries 2
  });

  it('a read succeeds after transient 5xx answers', async () => {
    const fake = await fakeBbb((_call, n) => (n < 3 ? { status: 503 } : { body: fixture('isMeetingRunning-true.xml') }));
    expect(await client(fake).isMeetingRunning('m')).toBe(true);
    expect(fake.hits).toHaveLength(3);
  });

  it('create and end are never retried', async () => {
    const fake = await fakeBbb(() => ({ status: 503 }));
    const c = client(fake, { readRetries: 5 });
    await rejection(c.create({ meetingId: 'm', name: 'n' }), BbbHttpError);
    await rejection(c.end('m'), BbbHttpError);
    expect(fake.hits.map((h) => h.split('?')[0])).toEqual(['/bigbluebutton/api/create', '/bigbluebutton/api/end']);
  });

  it('HTTP 404 is not retried', async () => {
    const fake = await fakeBbb(() => ({ status: 404, body: 'Not Found' }));
    expect((await rejection(client(fake).getMeetings(), BbbHttpError)).status).toBe(404);
    expect(fake.hits).toHaveLength(1);
  });

  it('refused connection -> BbbUnreachableError', async () => {
    const gone = await fakeBbb(() => ({}));
    await gone.close();
    const err = await rejection(client(gone, { readRetries: 1 }).getMeetings(), BbbUnreachableError);
    expect(err.host).toBe(`127.0.0.1:${gone.port}`);
    expect(String(err.cause)).toMatch(/ECONNREFUSED/);
  });

  it('a server that never answers -> BbbTimeoutError (each read attempt times out)', async () => {
    const fake = await fakeBbb(() => 'hang');
    const started = Date.now();
    const err = await rejection(client(fake, { timeoutMs: 150, readRetries: 1 }).getMeetingInfo('m'), BbbTimeoutError);
    expect(err.timeoutMs).toBe(150);
    expect(fake.hits).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3000);
    await rejection(client(fake, { timeoutMs: 150 }).create({ meetingId: 'm', name: 'n' }), BbbTimeoutError);
    expect(fake.hits).toHaveLength(3); // create: a single attempt
  });

  it('the secret never appears in errors, even if an answer echoes it or a signed URL', async () => {
    const body = '<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>' +
      `<message>bad /api/create?name=n&amp;checksum=abcdef0123 salt ${SECRET}</message></response>`;
    const fake = await fakeBbb(() => ({ body }));
    const err = await rejection(client(fake).create({ meetingId: 'm', name: 'n' }), BbbApiError);
    expect(err.bbbMessage).toBe('bad /api/create?name=n&checksum=[redacted] salt [secret]');
    expect(JSON.stringify(err)).not.toContain(SECRET);
  });
});
