#!/usr/bin/env node
// `npm run build [-- OUT_DIR]`: compiles src/ and adapters/ to dist/ (or OUT_DIR) with
// tsconfig.build.json, after emptying it (no stale files of deleted sources), and copies the
// non-TypeScript files beside them (catalogues, templates), so `node dist/adapters/cli.js` runs
// with the production dependencies only.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

rmSync(out, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

for (const dir of ['src', 'adapters']) {
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, join(out, from.slice(root.length + 1)));
  }
}
