// The Matrix specification's examples (test/fixtures/matrix/, copied from the shared samples),
// used as templates by the fake homeserver and the tests. Each call returns a fresh copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/matrix/', import.meta.url));
const cache = new Map<string, string>();

export type Json = Record<string, unknown>;

export function matrixFixture(name: string): Json {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${DIR}${name}.json`, 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as Json;
}

/** A room event shaped like the spec example `name`, as /sync delivers it (no room_id). */
export function eventFromFixture(name: string, overrides: Json): Json {
  const ev = { ...matrixFixture(name), ...overrides };
  delete ev['room_id'];
  return ev;
}

/** An error body `{errcode, error}` from a spec example, optionally with other fields replaced. */
export function errorFixture(name: string, overrides: Json = {}): Json {
  return { ...matrixFixture(name), ...overrides };
}
