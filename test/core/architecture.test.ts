// src/ is the platform-independent core: it must not import a chat SDK (DESIGN.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layout', () => {
  it('keeps src/ free of chat SDK imports', () => {
    const offenders = files('src').filter((f) => /from\s+['"](@slack\/|matrix-bot-sdk)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    expect(files('src').length).toBeGreaterThan(20); // the scan really looked at the sources
  });

  it('never reads the team folder beside the project (users who clone the project do not have it)', () => {
    const teamFolder = ['..', 'shared'].join('/'); // spelled out so this file does not match itself
    const offenders = [...files('src'), ...files('adapters'), ...files('test')].filter((f) => readFileSync(f, 'utf8').includes(teamFolder));
    expect(offenders).toEqual([]);
  });
});
