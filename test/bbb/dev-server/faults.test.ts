import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevBbb, type DevBbbServer } from '../../../src/bbb/dev-server/index.ts';
import { call, signedUrl } from './helpers.ts';

let server: DevBbbServer;
beforeEach(async () => {
  server = await startDevBbb();
});
afterEach(() => server.close());

const meetingsUrl = (): string => signedUrl(server, 'getMeetings');

describe('faults, latency and call counts', () => {
  it('http500: answers HTTP 500 with an HTML body, only for the selected calls, `times` times', async () => {
    server.control.injectFault({ kind: 'http500', calls: ['getMeetings'], times: 2 });
    expect((await call(server, 'isMeetingRunning', { meetingID: 'x' })).returncode).toBe('SUCCESS');
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(meetingsUrl());
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('Internal Server Error');
    }
    expect((await fetch(meetingsUrl())).status).toBe(200);
  });

  it('html: answers HTTP 200 with an HTML page instead of XML until cleared', async () => {
    server.control.injectFault({ kind: 'html' });
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    }
    server.control.clearFaults();
    expect((await call(server, 'getMeetings')).returncode).toBe('SUCCESS');
  });

  it('timeout: never answers, so the client has to abort', async () => {
    server.control.injectFault({ kind: 'timeout', calls: ['create'], times: 1 });
    const started = Date.now();
    const request = fetch(signedUrl(server, 'create', { meetingID: 'slow', name: 'Slow' }), { signal: AbortSignal.timeout(300) });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // The timed-out create never ran; the next one does.
    expect((await call(server, 'create', { meetingID: 'slow', name: 'Slow' })).messageKey).toBe('');
  });

  it('refuse: destroys the connection', async () => {
    server.control.injectFault({ kind: 'refuse', times: 1 });
    await expect(fetch(meetingsUrl())).rejects.toThrow(TypeError);
    expect((await fetch(meetingsUrl())).status).toBe(200);
  });

  it('latency delays every API answer', async () => {
    server.control.setLatency(200);
    const started = Date.now();
    expect((await call(server, 'getMeetings')).returncode).toBe('SUCCESS');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    server.control.setLatency(0);
    const again = Date.now();
    await call(server, 'getMeetings');
    expect(Date.now() - again).toBeLessThan(190);
  });

  it('counts calls by name, faulted ones included, and resets', async () => {
    server.control.injectFault({ kind: 'http500', calls: ['getMeetingInfo'], times: 1 });
    await fetch(server.url);
    await call(server, 'create', { meetingID: 'counted', name: 'Counted' });
    await call(server, 'create', { meetingID: 'counted', name: 'Counted' });
    await fetch(signedUrl(server, 'getMeetingInfo', { meetingID: 'counted' }));
    await fetch(`${server.url}/getMeetings?checksum=bad`);
    expect(server.control.callCounts()).toEqual({ version: 1, create: 2, getMeetingInfo: 1, getMeetings: 1 });
    server.control.resetCallCounts();
    expect(server.control.callCounts()).toEqual({});
  });

  it('close() returns even with a request left hanging', async () => {
    server.control.injectFault({ kind: 'timeout' });
    const hanging = fetch(meetingsUrl()).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await hanging).toBeInstanceOf(Error);
  });
});
