// Issue 10 Backups: `bbb-chatops backup FILE` copies the database of a RUNNING bot (another
// process, WAL mode, writes not yet checkpointed) into a 0600 file that passes integrity_check.
// The running bot also writes its CSV report 0600 in a 0700 folder (issue 9 item 6).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-backup-'));
const dbPath = join(dir, 'data', 'bot.sqlite');
const env = { PATH: process.env.PATH ?? '', DB_PATH: dbPath };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/bbb-chatops.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Reads JSON reply lines from the running bot until one satisfies `done`. */
function until(bot: ChildProcessWithoutNullStreams, done: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (b: Buffer) => {
      buf += b.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
        buf = buf.slice(nl + 1);
        if (done(line)) {
          bot.stdout.off('data', onData);
          resolve(line);
        }
      }
    };
    bot.stdout.on('data', onData);
    bot.once('exit', (code) => reject(new Error(`bot exited (${code})`)));
  });
}

describe('bbb-chatops backup', () => {
  it('copies the database of a running bot, refuses to overwrite without --force', async () => {
    const umask = process.umask(0o000); // the bot child inherits it: modes must not depend on it
    const bot = spawn(process.execPath, ['bin/bbb-chatops.js', 'console', '--json'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    process.umask(umask);
    let botErr = '';
    bot.stderr.on('data', (b: Buffer) => (botErr += b.toString()));
    try {
      const report = until(bot, (l) => typeof l.file === 'string');
      bot.stdin.write(
        [
          'admin general /conference config link MATH101 Algebra',
          'admin general /conference config teacher add @tina',
          'tina general /conference start',
          'tina general /conference end',
          'tina general /conference report --csv',
          '',
        ].join('\n'),
      );
      const csv = (await report).file as string;
      expect(mode(csv)).toBe('600');
      expect(mode(dirname(csv))).toBe('700');
      expect(mode(dirname(dbPath))).toBe('700');

      // The premise: the bot's writes are still in its WAL, not yet in the database file.
      expect(readFileSync(dbPath).includes('Algebra')).toBe(false);
      const file = join(dir, 'copy.sqlite');
      const first = await cli(['backup', file]);
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      expect(first.out).toContain(`Backed up ${dbPath} to ${file}`);
      expect(mode(file)).toBe('600');
      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(copy.prepare("SELECT title FROM courses WHERE code = 'MATH101'").get()).toEqual({ title: 'Algebra' });
      expect(copy.prepare("SELECT COUNT(*) AS n FROM meetings WHERE course_code = 'MATH101' AND ended_at IS NOT NULL").get()).toEqual({ n: 1 });
      expect((copy.prepare("SELECT value FROM settings WHERE key = 'instance.key'").get() as { value: string }).value).toMatch(/^v1:/);
      copy.close();

      const before = readFileSync(file);
      const again = await cli(['backup', file]);
      expect(again.code).toBe(1);
      expect(again.err.trim()).toBe(`bbb-chatops: ${file} already exists: choose another name, or add --force to replace it.`);
      expect(readFileSync(file).equals(before)).toBe(true);
      const forced = await cli(['backup', file, '--force']);
      expect(forced.code).toBe(0);
      expect(mode(file)).toBe('600');
    } finally {
      bot.stdin.end();
      const code = await new Promise<number | null>((r) => (bot.exitCode !== null ? r(bot.exitCode) : bot.once('exit', r)));
      expect(code, botErr).toBe(0);
    }
  }, 90_000);

  it('says which setting to fix when there is no database', async () => {
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/bbb-chatops.js', 'backup', join(dir, 'x.bak')], {
        env: { ...env, DB_PATH: join(dir, 'missing', 'bot.sqlite') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`bbb-chatops: There is no database at ${join(dir, 'missing', 'bot.sqlite')}: set DB_PATH to the bot's database file.`);
  }, 60_000);
});
