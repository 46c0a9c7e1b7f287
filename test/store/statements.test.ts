// Per-command costs of the store (issue 14): statements compiled once and reused, and the stores
// answer exactly as before. (Commits are not fsynced one by one already: better-sqlite3 builds
// SQLite with WAL synchronous NORMAL as the default.)
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function openStore(): Store {
  const t = tempDir();
  const store = Store.open(join(t.dir, 'bot.sqlite'), { secretKey: 'b'.repeat(64) });
  cleanup = () => {
    store.close();
    t.remove();
  };
  return store;
}

describe('store statements and commits', () => {
  it('each SQL text is compiled once per connection and the statement reused', () => {
    const store = openStore();
    const sql = 'SELECT value FROM adapter_state WHERE namespace = ? AND key = ?';
    expect(store.db.prepare(sql)).toBe(store.db.prepare(sql));
    expect(store.db.prepare('SELECT 1 AS one')).not.toBe(store.db.prepare('SELECT 2 AS two'));
  });

  it('with reused statements the state store still behaves like a map (any sequence of set, get, delete)', () => {
    const store = openStore();
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), ns: fc.constantFrom('a', 'b'), key: fc.constantFrom('x', 'y', 'z'), value: fc.string() }),
      fc.record({ kind: fc.constant('delete' as const), ns: fc.constantFrom('a', 'b'), key: fc.constantFrom('x', 'y', 'z') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const model = new Map<string, string>();
        for (const ns of ['a', 'b']) for (const key of ['x', 'y', 'z']) store.state.delete(ns, key);
        for (const o of ops) {
          if (o.kind === 'set') {
            store.state.set(o.ns, o.key, o.value);
            model.set(`${o.ns}/${o.key}`, o.value);
          } else {
            store.state.delete(o.ns, o.key);
            model.delete(`${o.ns}/${o.key}`);
          }
          for (const ns of ['a', 'b']) for (const key of ['x', 'y', 'z']) expect(store.state.get(ns, key)).toBe(model.get(`${ns}/${key}`));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the BBB server settings are read from the table once, and a change is seen at once', () => {
    const store = openStore();
    const compile = store.db.prepare.bind(store.db);
    let reads = 0;
    store.db.prepare = ((sql: string) => {
      if (sql.startsWith('SELECT value FROM settings')) reads += 1;
      return compile(sql);
    }) as typeof store.db.prepare;
    expect(store.settings.server()).toBeUndefined();
    store.settings.setServer({ url: 'https://bbb.example.edu/bigbluebutton/api', secret: 's3cret-0123456789' });
    for (let i = 0; i < 50; i++) expect(store.settings.server()).toEqual({ url: 'https://bbb.example.edu/bigbluebutton/api', secret: 's3cret-0123456789' });
    expect(reads).toBeLessThanOrEqual(4); // two settings, read before and after the change (was 2 per call)
    store.settings.setServer({ url: 'https://other.example.edu/bigbluebutton/api', secret: 'other-0123456789' });
    expect(store.settings.server()?.url).toBe('https://other.example.edu/bigbluebutton/api');
  });
});
