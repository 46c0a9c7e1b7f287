// The documents an operator reads against the code: the README's configuration table names
// every setting the bot reads, and the LICENSE file is the license package.json declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.ts';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const readme = read('README.md');

function configTable(): string {
  const start = readme.indexOf('<!-- Configuration table');
  const end = readme.indexOf('<!-- end of configuration table -->');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return readme.slice(start, end);
}

describe('README', () => {
  it('has a row for every key of the configuration schema and of .env.example', () => {
    const table = configTable();
    const documented = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    const envExample = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    const keys = [...new Set([...Object.keys(configSchema.shape), ...envExample])];
    expect(keys.filter((k) => !documented.has(k))).toEqual([]);
  });

  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});

describe('LICENSE', () => {
  it('is the license package.json names', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the bbb-chatops contributors\n/);
  });
});
