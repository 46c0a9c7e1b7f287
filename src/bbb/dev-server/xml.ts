// A tiny XML writer: BBB-shaped documents (root <response>, no prolog), everything escaped.

export interface XmlNode {
  name: string;
  /** string/number/boolean: text content; array: child elements (empty array -> <name/>). */
  content: string | number | boolean | XmlNode[];
  attrs?: ReadonlyArray<readonly [string, string]>;
}

export function el(
  name: string,
  content: string | number | boolean | XmlNode[],
  attrs?: ReadonlyArray<readonly [string, string]>,
): XmlNode {
  return attrs ? { name, content, attrs } : { name, content };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

function render(node: XmlNode, indent: string, out: string[]): void {
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  const { content } = node;
  if (Array.isArray(content)) {
    if (content.length === 0) {
      out.push(`${indent}<${node.name}${attrs}/>`);
      return;
    }
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const child of content) render(child, `${indent}  `, out);
    out.push(`${indent}</${node.name}>`);
    return;
  }
  out.push(`${indent}<${node.name}${attrs}>${escapeXml(String(content))}</${node.name}>`);
}

/** <response><returncode>…</returncode>…</response> */
export function response(returncode: 'SUCCESS' | 'FAILED', children: XmlNode[]): string {
  const out: string[] = [];
  render(el('response', [el('returncode', returncode), ...children]), '', out);
  return `${out.join('\n')}\n`;
}

export function failedXml(key: string, message: string): string {
  return response('FAILED', [el('messageKey', key), el('message', message)]);
}

/** Element names we emit for user-chosen keys (metadata, customdata) must be valid XML names. */
export function isXmlName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) && !/^xml/i.test(name);
}
