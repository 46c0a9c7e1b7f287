// Issue 9, item 14: matrix-bot-sdk 0.7 pulls form-data and tough-cookie through `request`; the
// versions it asks for have known CVEs, so package.json overrides them. This reads the lock file
// (what `npm ci` installs) and checks that every copy is at or above the fixed release.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** Installed versions of a package, wherever npm put them in the tree. */
function versionsOf(name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([, p]) => p.version ?? '0.0.0');
}

const atLeast = (v: string, min: string): boolean => {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('dependencies with known vulnerabilities are overridden', () => {
  it('form-data is fixed for CVE-2025-7783 in every major it is installed in (2.5.4, 3.0.4, 4.0.4)', () => {
    const fixed: Record<string, string> = { '2': '2.5.4', '3': '3.0.4', '4': '4.0.4' };
    const versions = versionsOf('form-data');
    expect(versions.length).toBeGreaterThan(0); // request needs it: the override must not drop it
    for (const v of versions) expect(atLeast(v, fixed[v.split('.')[0]!] ?? '999.0.0'), `form-data ${v}`).toBe(true);
  });

  it('tough-cookie is at 4.1.3 or later (CVE-2023-26136)', () => {
    const versions = versionsOf('tough-cookie');
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(atLeast(v, '4.1.3'), `tough-cookie ${v}`).toBe(true);
  });
});
