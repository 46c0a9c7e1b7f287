// `npm run build` output, run as production runs it: a folder with package.json, bin/, dist/ and
// only the packages `npm ci --omit=dev` installs (read from package-lock.json: no tsx, no
// TypeScript, no vitest), and no sources. The bot must start and answer a script from there.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LockEntry { dev?: boolean }

/** Links the top-level packages of a production install (those not marked dev in the lock file). */
function linkProductionModules(into: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const names = Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
    .map(([path]) => path.slice('node_modules/'.length))
    .filter((name) => existsSync(join(root, 'node_modules', name))); // optional ones for other platforms
  for (const name of names) {
    mkdirSync(dirname(join(into, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(into, 'node_modules', name));
  }
  return names;
}

function run(args: string[], stdin: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(dir, 'bin/bbb-chatops.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DB_PATH: join(dir, 'data/bot.sqlite') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => done({ code, out, err }));
    child.stdin.end(stdin);
  });
}

let installed: string[] = [];
beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.js'), join(dir, 'dist')], { encoding: 'utf8' });
  expect(build.stderr + build.stdout).toBe('');
  expect(build.status).toBe(0);
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  installed = linkProductionModules(dir);
}, 120_000);

describe('the production build', () => {
  it('installs no TypeScript tooling at runtime', () => {
    expect(installed).toContain('better-sqlite3');
    for (const tool of ['tsx', 'typescript', 'esbuild', 'vitest']) expect(installed).not.toContain(tool);
  });

  it('runs a console script from dist/ with the production packages only', async () => {
    const script = ['admin general /conference config link MATH101 Algebra', 'admin general /conference config teacher add @tina', 'tina general /conference start'].join('\n');
    const { code, out, err } = await run(['console', '--json'], script);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { audience: string; links: string[] });
    expect(lines.map((l) => l.audience)).toEqual(['user', 'user', 'user', 'room']);
    expect(new URL(lines[2]!.links[0]!).searchParams.get('role')).toBe('MODERATOR');
  }, 60_000);

  it('prints its usage', async () => {
    const { code, out } = await run(['help'], '');
    expect(code).toBe(0);
    expect(out).toContain('bbb-chatops console');
  }, 60_000);
});
