// The little HTML a command's formatted_body needs: drop the reply quote, find a leading mention
// pill, turn the rest into text. Hand-written scanners that look at each character a bounded
// number of times (indexOf, no backtracking regex), so any body costs linear time.

const PILL_PREFIX = 'https://matrix.to/#/';
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** formatted_body without a leading `<mx-reply>…</mx-reply>` (the quote of a reply), trimmed at the start. */
export function withoutReplyQuote(html: string): string {
  const t = html.trimStart();
  if (t.slice(0, 10).toLowerCase() !== '<mx-reply>') return t;
  const close = t.toLowerCase().indexOf('</mx-reply>', 10);
  return close < 0 ? t : t.slice(close + 11).trimStart();
}

/** A leading `<a href="https://matrix.to/#/@user:server">…</a>`: the user it names and where the anchor ends. */
export function leadingPill(html: string): { target: string; end: number } | null {
  if (!/^<a\s/i.test(html.slice(0, 3))) return null;
  const tagEnd = html.indexOf('>');
  if (tagEnd < 0) return null;
  const href = attribute(html.slice(2, tagEnd), 'href');
  if (href === null || href.slice(0, PILL_PREFIX.length).toLowerCase() !== PILL_PREFIX) return null;
  const raw = href.slice(PILL_PREFIX.length).split('?', 1)[0] ?? '';
  if (raw === '') return null;
  const close = html.toLowerCase().indexOf('</a>', tagEnd + 1);
  if (close < 0) return null;
  try {
    return { target: decodeURIComponent(raw), end: close + 4 };
  } catch {
    return null;
  }
}

/** The value of attribute `name` in the text between a tag's name and its `>`; null when absent. */
function attribute(tag: string, name: string): string | null {
  let i = 0;
  while (i < tag.length) {
    while (isSpace(tag[i])) i++;
    const nameStart = i;
    while (i < tag.length && tag[i] !== '=' && !isSpace(tag[i])) i++;
    const attr = tag.slice(nameStart, i).toLowerCase();
    while (isSpace(tag[i])) i++;
    if (tag[i] !== '=') continue; // an attribute without a value
    i++;
    while (isSpace(tag[i])) i++;
    let value: string;
    const quote = tag[i];
    if (quote === '"' || quote === "'") {
      const close = tag.indexOf(quote, i + 1);
      if (close < 0) return null;
      value = tag.slice(i + 1, close);
      i = close + 1;
    } else {
      const start = i;
      while (i < tag.length && !isSpace(tag[i])) i++;
      value = tag.slice(start, i);
    }
    if (attr === name) return value;
  }
  return null;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Text of an HTML fragment: `<br>` becomes a newline, other tags go, the usual entities are decoded. */
export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const gt = lt < 0 ? -1 : html.indexOf('>', lt + 1);
    if (gt < 0) {
      out += html.slice(i); // no tag closes after this point: the rest is text
      break;
    }
    out += html.slice(i, lt);
    if (html.slice(lt + 1, lt + 3).toLowerCase() === 'br' && /^\s*\/?$/.test(html.slice(lt + 3, gt))) out += '\n';
    i = gt + 1;
  }
  return out.replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (_, name: string) => ENTITIES[name] ?? '');
}
