// Issue 9 item 6 at the command line: a wrong or missing key for the stored secrets is one line on
// stderr naming what to fix, exit 1, and the database is left as it was.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-key-'));
const dbPath = join(dir, 'bot.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runConsole(stdin: string, env: Record<string, string>): Promise<CliResult> {
  return runCli(['console', '--json'], { cwd: process.cwd(), env: { DB_PATH: dbPath, ...env }, stdin });
}

describe('the key for stored secrets at start-up', () => {
  it('refuses a wrong or missing key in one line, and starts again with the right one', async () => {
    const key = randomBytes(32).toString('base64');
    const start = ['admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina', 'tina general /conference start', 'tina general /conference end', ''].join('\n');
    const first = await runConsole(start, { BOT_SECRET_KEY: key });
    expect(first.code, first.err).toBe(0);
    const bytes = () => readFileSync(dbPath);
    const before = bytes();

    const wrong = randomBytes(32).toString('hex');
    const w = await runConsole('', { BOT_SECRET_KEY: wrong });
    expect(w.code).toBe(1);
    expect(w.err).toBe('bbb-chatops: The stored secrets do not open with BOT_SECRET_KEY: set it to the key they were encrypted with. Nothing was changed.\n');
    const missing = await runConsole('', {});
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `bbb-chatops: The database holds encrypted secrets but the key file ${join(dir, 'secret.key')} is missing: restore it, or set BOT_SECRET_KEY to the key they were encrypted with. Nothing was changed.\n`,
    );
    const malformed = await runConsole('', { BOT_SECRET_KEY: 'hunter2' });
    expect(malformed.code).toBe(1);
    expect(malformed.err).toContain('BOT_SECRET_KEY: expected 32 random bytes');
    expect(malformed.err).not.toContain('hunter2');
    expect(bytes().equals(before)).toBe(true);

    const again = await runConsole('tina general /conference start\n', { BOT_SECRET_KEY: key });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('MODERATOR');
  }, 90_000);
});
