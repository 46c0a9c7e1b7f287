// SeenEvents (issue 14): one small row per event instead of rewriting the whole list, with the
// same answers as the list it replaces, across restarts, and taking over an older release's list.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SeenEvents } from '../../adapters/matrix/filters.ts';
import { Store } from '../../src/store/index.ts';
import { tempDir } from '../store/helpers.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function store(): Store {
  const t = tempDir();
  const s = Store.open(join(t.dir, 'bot.sqlite'), { secretKey: 'd'.repeat(64) });
  cleanups.push(t.remove, () => s.close());
  return s;
}

/** The list the bot kept before: the last `max` first-time ids. */
function listModel(max: number): (id: string) => boolean {
  const ids: string[] = [];
  return (id) => {
    if (ids.includes(id)) return false;
    ids.push(id);
    if (ids.length > max) ids.shift();
    return true;
  };
}

describe('SeenEvents', () => {
  it('answers as the bounded list did, for any deliveries and restarts', () => {
    const s = store();
    let run = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }).map((n) => `$e${n}`), fc.constant('restart')), { maxLength: 60 }),
        (max, steps) => {
          run += 1;
          const ns = { get: (n: string, k: string) => s.state.get(`${run}/${n}`, k), set: (n: string, k: string, v: string) => s.state.set(`${run}/${n}`, k, v), delete: (n: string, k: string) => s.state.delete(`${run}/${n}`, k) };
          const model = listModel(max);
          let seen = new SeenEvents(ns, max);
          for (const step of steps) {
            if (step === 'restart') seen = new SeenEvents(ns, max);
            else expect(seen.firstTime(step)).toBe(model(step));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('takes over the list an older release kept, once', () => {
    const s = store();
    s.state.set('matrix-seen', 'recent', JSON.stringify(['$a', '$b']));
    const seen = new SeenEvents(s.state);
    expect(seen.firstTime('$a')).toBe(false);
    expect(seen.firstTime('$c')).toBe(true);
    expect(s.state.get('matrix-seen', 'recent')).toBeUndefined();
    const again = new SeenEvents(s.state);
    expect(['$a', '$b', '$c'].map((id) => again.firstTime(id))).toEqual([false, false, false]);
  });

  it('remembers an event with one small write, whatever it already holds', () => {
    const s = store();
    const seen = new SeenEvents(s.state);
    for (let i = 0; i < 500; i++) seen.firstTime(`$event-${i}:school.edu`);
    const writes: string[] = [];
    const counted = new SeenEvents({
      get: (n, k) => s.state.get(n, k),
      delete: (n, k) => s.state.delete(n, k),
      set: (n, k, v) => (writes.push(v), s.state.set(n, k, v)),
    });
    expect(counted.firstTime('$new:school.edu')).toBe(true);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.length).toBeLessThan(100);
  });
});
