// The real command line: `bbb-chatops console --json` as a user runs it (bin -> tsx -> main),
// with the in-process BBB dev server and a SQLite file, reading a script on standard input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as spawnCli, type CliResult } from './spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[], stdin: string, env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, { cwd: process.cwd(), env: { DB_PATH: join(dir, 'bot.sqlite'), ...env }, stdin });
}

describe('bbb-chatops console --json', () => {
  it('runs a whole class from a script and exits after the last reply', async () => {
    const script = [
      '# a class',
      'admin general /conference config link MATH101 Algebra',
      'admin general /conference config teacher add @tina',
      '',
      'sam general /conference join',
      'tina general /conference start',
      'sam general /conference join',
      'tina general /conference end',
    ].join('\n');
    const { code, out, err } = await runCli(['console', '--json'], script);
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { audience: string; user: string; text: string; links: string[] });
    expect(lines.map((l) => [l.audience, l.user])).toEqual([
      ['user', 'admin'],
      ['user', 'admin'],
      ['user', 'sam'],
      ['user', 'tina'],
      ['room', 'tina'],
      ['user', 'sam'],
      ['room', 'tina'],
    ]);
    expect(lines[2]!.text).toContain('has not started yet');
    expect(new URL(lines[3]!.links[0]!).searchParams.get('role')).toBe('MODERATOR');
    expect(new URL(lines[5]!.links[0]!).searchParams.get('role')).toBe('VIEWER');
    expect(lines[6]!.text).toContain('Ended by tina.');
    expect(err).not.toMatch(/error/i);
  }, 60_000);

  it('refuses an invalid configuration with a message naming the variable', async () => {
    const { code, err } = await runCli(['console', '--json'], '', { BBB_CHECKSUM_ALGORITHM: 'md5' });
    expect(code).toBe(1);
    expect(err).toContain('BBB_CHECKSUM_ALGORITHM');
  }, 60_000);
});
