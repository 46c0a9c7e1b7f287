// The dev server's learning-analytics callback, as BBB's post_events_analytics_callback.rb sends
// it: after the end and the events archiving, one POST with a Bearer HS512 JWT (exp = now + 24 h)
// and the bbbevents body, built from the joins (links) and leaves (the leave page) it saw.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, fixture, signedUrl } from './helpers.ts';

interface Post { headers: IncomingHttpHeaders; body: string }

let bbb: DevBbbServer | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await bbb?.close();
  await close?.();
  bbb = close = undefined;
});

async function receiver(): Promise<{ url: string; posts: Post[] }> {
  const posts: Post[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/analytics/abc`, posts };
}

/** Every key path of a JSON value (array items merged), for comparing shapes. */
function keyPaths(v: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const item of v) keyPaths(item, `${prefix}[]`, out);
  else if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const path = prefix === 'data.metadata' ? `${prefix}.*` : `${prefix}${prefix ? '.' : ''}${k}`;
      out.add(path);
      keyPaths(child, path, out);
    }
  }
  return out;
}

const DELAY = 30_000;

async function meeting(extra: Record<string, string>): Promise<{ url: string; posts: Post[] }> {
  bbb = await startDevBbb({ analyticsDelayMs: DELAY });
  const r = await receiver();
  const created = await call(bbb, 'create', { meetingID: 'm1', name: 'Algebra', 'meta_analytics-callback-url': r.url, 'meta_bbb-origin': 'bbb-chatops', ...extra });
  expect(created.returncode).toBe('SUCCESS');
  return r;
}

const join = async (userID: string, fullName: string, role: string): Promise<void> => {
  const res = await fetch(signedUrl(bbb!, 'join', { meetingID: 'm1', fullName, role, userID }), { redirect: 'manual' });
  await res.arrayBuffer();
};

describe('dev server analytics callback', () => {
  it('posts the joins and leaves that happened, signed HS512 with exp, shaped like BBB\'s sample', async () => {
    const { posts } = await meeting({ meetingKeepEvents: 'true' });
    const t0 = Date.now();
    await join('slack:UTEACH', 'Tina', 'MODERATOR');
    await join('slack:USAM', 'Sam', 'VIEWER');
    await bbb!.control.advanceTime(20_000);
    await (await fetch(`${bbb!.url.replace('/bigbluebutton/api', '')}/dev/leave?meetingID=m1&userID=slack:USAM`)).arrayBuffer();
    await join('slack:USAM', 'Sam', 'VIEWER'); // back again: a second session
    bbb!.control.engage('m1', 'slack:USAM', { chats: 2, raisehand: 1, poll_votes: 1, talk_time: 7 });
    await bbb!.control.advanceTime(5_000);
    await bbb!.control.endMeeting('m1');
    expect(posts).toEqual([]); // not before the events are archived
    expect(bbb!.control.analytics('m1')).toBeUndefined();
    await bbb!.control.advanceTime(DELAY);

    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['user-agent']).toBe('BigBlueButton Analytics Callback');
    const token = /^Bearer (.+)$/.exec(post!.headers.authorization ?? '')![1]!;
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'HS512' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(bbb!.secret), { algorithms: ['HS512'] });
    expect(Object.keys(payload)).toEqual(['exp']);
    expect(payload.exp! - Date.now() / 1000).toBeGreaterThan(86_400 - 120);

    const body = JSON.parse(post!.body);
    expect(bbb!.control.analytics('m1')).toEqual(body);
    expect([...keyPaths(body)].sort()).toEqual([...keyPaths(JSON.parse(fixture('analytics-callback.json')))].sort());
    expect(body.data.metadata).toMatchObject({ bbb_origin: 'bbb-chatops', analytics_callback_url: expect.stringContaining('/analytics/abc') });
    const sam = body.data.attendees.find((a: { ext_user_id: string }) => a.ext_user_id === 'slack:USAM');
    expect(sam).toMatchObject({ name: 'Sam', moderator: false, engagement: { chats: 2, raisehand: 1, poll_votes: 1, talk_time: 7 } });
    expect(sam.joins).toHaveLength(2);
    expect(sam.leaves).toHaveLength(2);
    const [in1, in2] = sam.joins.map(Date.parse);
    const [out1, out2] = sam.leaves.map(Date.parse);
    expect(in1).toBeGreaterThanOrEqual(t0);
    expect(out1 - in1).toBeGreaterThanOrEqual(20_000);
    expect(out1 - in1).toBeLessThan(22_000);
    expect(in2).toBeGreaterThanOrEqual(out1);
    expect(out2 - in2).toBeGreaterThanOrEqual(5_000);
    expect(sam.duration).toBe(Math.round((out1 - in1 + out2 - in2) / 1000));
    expect(sam.joins[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });

  it('sends nothing without kept events or a recording (BBB archives no events then)', async () => {
    const { posts } = await meeting({});
    await join('slack:USAM', 'Sam', 'VIEWER');
    await bbb!.control.endMeeting('m1');
    await bbb!.control.advanceTime(DELAY);
    expect(posts).toEqual([]);
    expect(bbb!.control.analytics('m1')).toBeUndefined();
  });
});
