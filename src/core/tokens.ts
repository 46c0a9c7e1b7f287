// Splitting command text into words. Double or single quotes group words ("Algebra I");
// `--name value` and `--flag` options are pulled out wherever they appear. What the user cannot
// see does not count: any Unicode space (and NEL) separates words, and invisible format
// characters (zero-width space, soft hyphen, bidi marks, word joiner) are dropped, so `con<ZWSP>fig`
// is the word `config`. Joiners (ZWJ, ZWNJ) stay inside arguments (emoji, Persian), and count
// for nothing in command words (see commandWord). The Matrix secret guard decides with these
// same functions (commandOf in src/commands/registry.ts).

const JOINERS = /[\u200C\u200D]/g;

/** The text without invisible format characters (Unicode Cf) other than joiners, NEL as a space. */
function visible(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text; // nothing to do for plain ASCII, the usual case
  return text.replace(/\p{Cf}/gu, (c) => (c === '\u200C' || c === '\u200D' ? c : '')).replace(/\u0085/g, ' ');
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of visible(text).matchAll(re)) {
    const token = m[1] ?? m[2] ?? m[3] ?? '';
    if (m[3] === undefined || token.replace(JOINERS, '') !== '') out.push(token);
  }
  return out;
}

/** A token as compared with a command's words: lower case, without joiners. */
export function commandWord(token: string): string {
  return token.replace(/\p{Cf}/gu, '').toLowerCase();
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
