// The typed facade (src/i18n/messages.ts) names real keys with exactly their ICU arguments, and
// uses every key of locales/en.json: a misspelt key or placeholder fails here.
import { describe, expect, it } from 'vitest';
import { catalogues, flatten, type Args, type Formatter, type GroupKey, type MessageKey } from '../../src/i18n/catalogue.ts';
import { buildMessages } from '../../src/i18n/messages.ts';
import { argumentsOf } from './icu.ts';

const en = flatten(catalogues.en);

/** Builds the facade over a formatter that records which key got which argument names. */
function record(): { calls: Map<string, Set<string>>; entriesWithoutKey: string[] } {
  const calls = new Map<string, Set<string>>();
  let called = 0;
  const fmt: Formatter = {
    language: 'en',
    format(key: MessageKey, args: Args = {}) {
      called++;
      const names = Object.keys(args).sort().join(',');
      if (!calls.has(key)) calls.set(key, new Set());
      calls.get(key)!.add(names);
      return key;
    },
    group(key: GroupKey) {
      const out: Record<string, string> = {};
      for (const k of [...en.keys()].filter((k) => k.startsWith(`${key}.`))) out[k.slice(key.length + 1)] = fmt.format(k as MessageKey);
      return out;
    },
  };
  const entriesWithoutKey: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'function') {
      const before = called;
      (value as (...a: unknown[]) => unknown)(...Array.from({ length: value.length }, () => 'x'));
      if (called === before) entriesWithoutKey.push(path);
    } else if (typeof value === 'string') {
      if (!en.has(value) && path !== 't.language') entriesWithoutKey.push(path); // the recorder returns the key
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
    }
  };
  visit(buildMessages(fmt), 't');
  return { calls, entriesWithoutKey };
}

describe('message facade', () => {
  const { calls, entriesWithoutKey } = record();

  it('passes each key exactly the arguments its English message uses', () => {
    const wrong: string[] = [];
    for (const [key, argSets] of calls) {
      const source = en.get(key);
      if (source === undefined) { wrong.push(`${key}: not in en.json`); continue; }
      const want = Object.keys(argumentsOf(source)).sort().join(',');
      for (const got of argSets) if (got !== want) wrong.push(`${key}: passes {${got}}, message uses {${want}}`);
    }
    expect(wrong).toEqual([]);
  });

  it('uses every message of en.json (no orphan for translators to translate in vain)', () => {
    expect([...en.keys()].filter((k) => !calls.has(k))).toEqual([]);
  });

  it('every entry of the facade reads the catalogue (no English written in code)', () => {
    expect(entriesWithoutKey).toEqual([]);
  });
});
