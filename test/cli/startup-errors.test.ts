// Every bad setting stops the real command line with exit 1 and ONE line on stderr that names
// the setting to fix; no stack traces, no secrets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './spawn.ts';

const root = mkdtempSync(join(tmpdir(), 'cli-startup-'));
let n = 0;
/** A fresh working folder (with its own DB_PATH) per run. */
function folder(): string {
  const dir = join(root, String((n += 1)));
  mkdirSync(dir);
  return dir;
}

const servers: Server[] = [];
async function loopback(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
let busyPort = 0;
let matrix404 = '';
let slackRefuses = '';
beforeAll(async () => {
  busyPort = Number(new URL(await loopback((_q, r) => r.end())).port);
  matrix404 = await loopback((_q, r) => r.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>'));
  slackRefuses = await loopback((_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}'));
});
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(root, { recursive: true, force: true });
});

const MATRIX_TOKEN = 'syt_Ym90_matrixaccesstoken_0123456789';
const SLACK_TOKEN = 'xoxb-0000-slackbottoken-0123456789';
const SIGNING = 'signingsecret0123456789abcdef';

interface Case {
  name: string;
  env?: () => Record<string, string>;
  args?: string[];
  /** What the one line must contain (the setting to fix). */
  names: RegExp;
  secrets?: string[];
}

const cases: Case[] = [
  { name: 'BBB_URL not a URL', env: () => ({ BBB_URL: 'not-a-url', BBB_SECRET: 'bbbsecret123' }), names: /BBB_URL: expected an http/ },
  { name: 'BBB_URL ftp://', env: () => ({ BBB_URL: 'ftp://bbb.example.org/bigbluebutton', BBB_SECRET: 'bbbsecret123' }), names: /BBB_URL: expected an http/ },
  {
    name: 'BBB_URL with credentials',
    env: () => ({ BBB_URL: 'https://admin:hunter2pass@bbb.example.org', BBB_SECRET: 'bbbsecret123' }),
    names: /BBB_URL: must not contain a user name or password/,
    secrets: ['hunter2pass', 'bbbsecret123'],
  },
  { name: 'PUBLIC_URL not a URL', env: () => ({ PUBLIC_URL: 'not-a-url' }), args: ['console'], names: /PUBLIC_URL: expected an http/ },
  {
    name: 'MATRIX_HOMESERVER_URL without a scheme',
    env: () => ({ MATRIX_HOMESERVER_URL: 'matrix.school.edu', MATRIX_ACCESS_TOKEN: MATRIX_TOKEN }),
    names: /MATRIX_HOMESERVER_URL: expected an http/,
    secrets: [MATRIX_TOKEN],
  },
  { name: 'BOT_ADMINS without a platform prefix', env: () => ({ BOT_ADMINS: 'UADMIN' }), args: ['console'], names: /BOT_ADMINS: "UADMIN" needs a platform prefix/ },
  { name: 'HTTP_PORT not a number', env: () => ({ HTTP_PORT: 'abc' }), args: ['console'], names: /HTTP_PORT: expected a port number/ },
  { name: 'a lone SLACK_SIGNING_SECRET', env: () => ({ SLACK_SIGNING_SECRET: SIGNING }), names: /SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN/, secrets: [SIGNING] },
  { name: 'a lone SLACK_APP_TOKEN', env: () => ({ SLACK_APP_TOKEN: 'xapp-1-apptoken-0123456789' }), names: /SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN/, secrets: ['xapp-1-apptoken-0123456789'] },
  { name: 'a misspelled token (no terminal)', env: () => ({ SLACK_TOKEN: SLACK_TOKEN }), names: /no chat platform configured: set SLACK_BOT_TOKEN .*did you mean SLACK_BOT_TOKEN\?/, secrets: [SLACK_TOKEN] },
  { name: 'nothing configured (no terminal)', names: /no chat platform configured: set SLACK_BOT_TOKEN .* or MATRIX_ACCESS_TOKEN/ },
  { name: 'DB_PATH a directory', env: () => ({ DB_PATH: root }), args: ['console'], names: /DB_PATH .* is a directory/ },
  { name: 'HTTP_PORT in use', env: () => ({ HTTP_PORT: String(busyPort), HTTP_HOST: '127.0.0.1' }), args: ['console'], names: /HTTP_PORT \d+ is already in use on 127\.0\.0\.1/ },
  { name: 'dev-bbb --port abc', args: ['dev-bbb', '--port', 'abc'], names: /dev-bbb: --port needs a port number/ },
  { name: 'console --script with a missing file', args: ['console', '--script', 'missing.txt'], names: /console --script missing\.txt: no such file/ },
  {
    name: 'a Matrix homeserver answering 404 text/html',
    env: () => ({ MATRIX_HOMESERVER_URL: matrix404, MATRIX_ACCESS_TOKEN: MATRIX_TOKEN }),
    names: /Matrix: could not sign in \(HTTP 404\); check MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN/,
    secrets: [MATRIX_TOKEN],
  },
  {
    name: 'Slack refusing the token',
    env: () => ({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: `${slackRefuses}/api/`, HTTP_PORT: '0' }),
    names: /Slack: auth\.test failed \(invalid_auth\); check SLACK_BOT_TOKEN/,
    secrets: [SLACK_TOKEN, SIGNING],
  },
];

describe('start-up errors: exit 1 and one line naming the setting', () => {
  it.concurrent.each(cases)('$name', async (c) => {
    const cwd = folder();
    const { code, err } = await runCli(c.args ?? [], { cwd, env: { DB_PATH: join(cwd, 'bot.sqlite'), LOG_FORMAT: 'json', ...c.env?.() } });
    const lines = err.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{')); // JSON lines are the log
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bbb-chatops: /);
    expect(lines[0]).toMatch(c.names);
    for (const s of c.secrets ?? []) expect(err).not.toContain(s);
  }, 90_000);
});

describe('the command line itself', () => {
  it('reads .env from the working folder (blank values unset), prints --version and --help', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, '.env'), 'HTTP_PORT=\nBBB_DEV_PORT=\nPUBLIC_URL=not-a-url\n');
    const [fromFile, realWins, ver, help] = await Promise.all([
      runCli(['console'], { cwd }),
      runCli(['console', '--json'], { cwd, env: { PUBLIC_URL: 'http://127.0.0.1:9', DB_PATH: join(cwd, 'x.sqlite') }, stdin: 'admin general /conference help\n' }),
      runCli(['--version'], { cwd }),
      runCli(['--help'], { cwd }),
    ]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.err.trim()).toMatch(/^bbb-chatops: Invalid configuration: PUBLIC_URL: expected an http/);
    expect(realWins.code).toBe(0); // the real PUBLIC_URL wins; HTTP_PORT= is unset, not port 0
    expect(JSON.parse(realWins.out.trim().split('\n')[0]!)).toMatchObject({ user: 'admin' });
    expect(ver.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(help.out).toContain('bbb-chatops console [--script FILE] [--json]');
    expect([ver.code, help.code]).toEqual([0, 0]);
  }, 90_000);
});
