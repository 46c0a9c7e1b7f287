// Reading ICU messages for the catalogue tests: which arguments a message takes, and of what kind.
import { IntlMessageFormat } from 'intl-messageformat';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** Kinds of argument: plain text, number, plural (the options may differ by language), select (its options). */
export type ArgKind = 'text' | 'number' | 'date' | 'plural' | `select(${string})`;

export function parse(source: string): Element[] {
  return new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true }).getAst();
}

function walk(els: Element[], out: Map<string, Set<ArgKind>>): void {
  for (const el of els) {
    const add = (kind: ArgKind): void => {
      const name = (el as { value: string }).value;
      if (!out.has(name)) out.set(name, new Set());
      out.get(name)!.add(kind);
    };
    // Element types of @formatjs/icu-messageformat-parser: 0 literal, 1 argument, 2 number,
    // 3 date, 4 time, 5 select, 6 plural, 7 pound, 8 tag.
    switch (el.type as number) {
      case 1: add('text'); break;
      case 2: add('number'); break;
      case 3: case 4: add('date'); break;
      case 5: case 6: {
        const options = (el as unknown as { options: Record<string, { value: Element[] }> }).options;
        add(el.type === 5 ? `select(${Object.keys(options).sort().join('|')})` : 'plural');
        for (const o of Object.values(options)) walk(o.value, out);
        break;
      }
    }
  }
}

/** `{ course: ['text'], people: ['plural'] }`, sorted for comparison. */
export function argumentsOf(source: string): Record<string, ArgKind[]> {
  const out = new Map<string, Set<ArgKind>>();
  walk(parse(source), out);
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

/** A value of the right kind for each argument, choosing every select's first option. */
export function sampleArgs(source: string, n = 2): Record<string, string | number | Date> {
  const out: Record<string, string | number | Date> = {};
  for (const [name, kinds] of Object.entries(argumentsOf(source))) {
    const k = kinds[0]!;
    out[name] = k === 'number' || k === 'plural' ? n : k === 'date' ? new Date(0) : k.startsWith('select(') ? k.slice(7, -1).split('|')[0]! : `«${name}»`;
  }
  return out;
}

/** The literal text of a message (outside placeholders), in pieces. */
export function literalsOf(source: string): string[] {
  const out: string[] = [];
  const walkLit = (els: Element[]): void => {
    for (const el of els) {
      if ((el.type as number) === 0) out.push((el as unknown as { value: string }).value);
      const options = (el as unknown as { options?: Record<string, { value: Element[] }> }).options;
      if (options) for (const o of Object.values(options)) walkLit(o.value);
    }
  };
  walkLit(parse(source));
  return out;
}
