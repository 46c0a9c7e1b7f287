// Splitting command text into words. Double or single quotes group words ("Algebra I");
// `--name value` and `--flag` options are pulled out wherever they appear.

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

export interface Parsed {
  words: string[];
  options: Map<string, string | true>;
}

/** `valueOptions` take the next word as their value; other `--x` are boolean flags. */
export function parseOptions(tokens: string[], valueOptions: readonly string[] = []): Parsed {
  const words: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(tok);
    if (!m) {
      words.push(tok);
      continue;
    }
    const name = m[1]!;
    if (m[2] !== undefined) options.set(name, m[2]);
    else if (valueOptions.includes(name) && i + 1 < tokens.length) options.set(name, tokens[++i]!);
    else options.set(name, true);
  }
  return { words, options };
}
