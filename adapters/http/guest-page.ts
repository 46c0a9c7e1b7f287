// The guest invitation page: plain HTML, no script, every shown text escaped, and the strictest
// headers it can live with. The only style is one fixed <style> block allowed by its hash; the
// form may post to this page and follow the 303 to the BBB server (form-action covers redirects).
import { createHash } from 'node:crypto';
import type { Messages } from '../../src/i18n/index.ts';

const STYLE = 'body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.4}' +
  'input{font-size:1em;padding:.4em;width:100%;box-sizing:border-box}button{font-size:1em;margin-top:1em;padding:.5em 1em}' +
  '.message{border-left:4px solid #b00;padding:.2em .8em}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Headers of every guest page; `formTo`: the BBB origin the form's redirect goes to (none: no form). */
export function pageHeaders(formTo: string | null | undefined): Record<string, string> {
  const formAction = formTo === null ? "'none'" : ["'self'", formTo].filter(Boolean).join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex',
    'cross-origin-opener-policy': 'same-origin',
  };
}

function html(language: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

export interface FormView {
  language: string;
  course: string;
  csrf: string;
  name: string;
  message?: string | undefined;
  maxName: number;
}

/** The name form; posts to the page's own URL (no action attribute: right behind any proxy path). */
export function formPage(t: Messages['guests'], v: FormView): string {
  const message = v.message ? `<p class="message" role="alert" id="message">${escapeHtml(v.message)}</p>\n` : '';
  return html(v.language, t.pageTitle(v.course), `<p>${escapeHtml(t.pageIntro(v.course))}</p>
${message}<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(v.csrf)}">
<label for="name">${escapeHtml(t.nameLabel)}</label>
<input id="name" name="name" type="text" required maxlength="${v.maxName}" autocomplete="name" value="${escapeHtml(v.name)}">
<button type="submit">${escapeHtml(t.submit)}</button>
</form>`);
}

export function refusedPage(language: string, title: string, text: string): string {
  return html(language, title, `<p class="message" id="message">${escapeHtml(text)}</p>`);
}
