// `config server` checks the secret with a call that every BBB and Scalelite signs and checks
// (getMeetingInfo of a random meeting: notFound = right, checksumError = wrong), not getMeetings,
// which Scalelite with GET_MEETINGS_API_DISABLED answers without looking at the checksum.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidChecksum } from '../../src/bbb/dev-server/checksum.ts';
import { startDevBbb, type DevBbbServer } from '../../src/bbb/dev-server/index.ts';
import { consoleDriver } from '../helpers/console-driver.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

const xml = (name: string): string => readFileSync(new URL(`../fixtures/bbb/${name}`, import.meta.url), 'utf8');
const SECRET = 'scalelite-secret-0123456789abcdef';

/** Scalelite with GET_MEETINGS_API_DISABLED: getMeetings answers an empty list whatever the checksum. */
async function scaleliteLike(): Promise<{ url: string; server: Server; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const call = url.pathname.replace(/^\/bigbluebutton\/api\/?/, '');
    calls.push(call || 'version');
    const send = (body: string): void => void res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
    if (call === '') return send(xml('api-version.xml'));
    if (call === 'getMeetings') return send(xml('getMeetings-empty.xml'));
    if (!isValidChecksum(call, url.search.slice(1), SECRET)) return send(xml('error-checksum.xml'));
    if (call === 'getMeetingInfo') return send(xml('error-notFound-getMeetingInfo.xml'));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bigbluebutton/`, server, calls };
}

let bot: TestBot | undefined;
let other: DevBbbServer | undefined;
let scalelite: Server | undefined;
afterEach(async () => {
  await bot?.close();
  await other?.close();
  scalelite?.closeAllConnections();
  await new Promise((r) => (scalelite ? scalelite.close(r) : r(undefined)));
  bot = other = scalelite = undefined;
});

const configure = async (url: string, secret: string): Promise<string> => {
  const [reply] = await consoleDriver(bot!).run(`admin general /conference config server ${url} ${secret}`);
  return reply!.text;
};

describe('config server: secret check', () => {
  it('refuses a wrong secret for a server whose getMeetings ignores checksums, and saves the right one', async () => {
    bot = await startTestBot();
    const s = await scaleliteLike();
    scalelite = s.server;
    expect(await configure(s.url, 'not-the-secret-0123456789')).toMatch(/rejected that secret/);
    expect(bot.store.settings.server()).toBeUndefined();
    expect(s.calls).toContain('getMeetingInfo');
    expect(await configure(s.url, SECRET)).not.toMatch(/rejected|could not|not a BigBlueButton/i);
    expect(bot.store.settings.server()).toMatchObject({ secret: SECRET });
  });

  it('against the dev server: the right secret is saved, a wrong one refused', async () => {
    bot = await startTestBot();
    other = await startDevBbb({ secret: 'dev-server-secret-0123456789' });
    expect(await configure(other.url, 'wrong-secret-value-0123456')).toMatch(/rejected that secret/);
    expect(bot.store.settings.server()).toBeUndefined();
    expect(await configure(other.url, other.secret)).not.toMatch(/rejected/);
    expect(bot.store.settings.server()).toMatchObject({ secret: other.secret });
  });
});
