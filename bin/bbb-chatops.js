#!/usr/bin/env node
// Entry point of `npm start` and `npx bbb-chatops`. In a checkout with the dev dependencies it
// runs the TypeScript sources through tsx (never a stale build); in a production install
// (`npm ci --omit=dev`: no tsx) it runs dist/, the output of `npm run build`.
import { existsSync } from 'node:fs';

const sources = new URL('../adapters/cli.ts', import.meta.url);
const built = new URL('../dist/adapters/cli.js', import.meta.url);
const tsx = existsSync(sources) ? await import('tsx/esm/api').catch(notInstalled) : undefined;

function notInstalled(err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
  throw err;
}

if (tsx) {
  tsx.register();
  await import('../adapters/cli.ts');
} else if (existsSync(built)) {
  await import(built.href);
} else {
  console.error('bbb-chatops: dist/ is missing: run `npm run build` (or `npm ci` to run the sources with the dev dependencies)');
  process.exit(1);
}
