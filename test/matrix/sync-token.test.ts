// The sync token (issue 14): written at most once per interval instead of on every sync, at once
// on stop, never after; the newest token is what the next sync uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncTokenStore } from '../../adapters/matrix/client.ts';
import { tempDir } from '../store/helpers.ts';

let remove: (() => void) | undefined;
afterEach(() => remove?.());

function file(): string {
  const t = tempDir();
  remove = t.remove;
  return join(t.dir, 'matrix-sync.json');
}
const saved = (path: string): unknown => (JSON.parse(readFileSync(path, 'utf8')) as { syncToken?: unknown }).syncToken ?? null;

describe('SyncTokenStore', () => {
  it('keeps the newest token in memory and writes it once per interval', async () => {
    const path = file();
    const store = new SyncTokenStore(path, 100);
    for (let i = 1; i <= 50; i++) store.setSyncToken(`s${i}`);
    expect(store.getSyncToken()).toBe('s50');
    expect(saved(path)).toBeNull(); // nothing written per sync
    await new Promise((r) => setTimeout(r, 400));
    expect(saved(path)).toBe('s50');
    expect(new SyncTokenStore(path).getSyncToken()).toBe('s50'); // what a restart reads
  });

  it('writes the pending token on stop (freeze) and nothing after it', () => {
    const path = file();
    const store = new SyncTokenStore(path, 60_000);
    store.setSyncToken('s1');
    store.setSyncToken('s2');
    store.freeze();
    expect(saved(path)).toBe('s2');
    store.setSyncToken('s3'); // the long poll still in flight at stop
    store.flush();
    expect(saved(path)).toBe('s2');
    expect(store.lastSyncAt).toBeGreaterThan(0);
  });
});
