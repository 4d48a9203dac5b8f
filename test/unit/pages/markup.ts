// Tiny structural checks on rendered HTML without a DOM: which tags and
// attributes occur. Good enough to prove that no data became markup, because
// every '<' that reaches the output must open one of the pages' own tags.

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  raw: string;
}

/** Tags in document order, with their (unescaped-as-written) attribute values; closing tags skipped. */
export function tags(page: string): Tag[] {
  const out: Tag[] = [];
  const body = page.replace(/<style>[\s\S]*?<\/style>/g, '<style>');
  for (const m of body.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([^\s"'=<>/]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = a[2] ?? '';
    out.push({ name: m[1]!.toLowerCase(), attrs, raw: m[0] });
  }
  return out;
}

export function find(page: string, name: string, where: Record<string, string> = {}): Tag[] {
  return tags(page).filter((t) => t.name === name && Object.entries(where).every(([k, v]) => t.attrs[k] === v));
}

/** Every '<' in the page, outside the style sheet, that does not open or close a tag of this list is a leak. */
export const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'style', 'body', 'a', 'header', 'main', 'footer', 'nav', 'div', 'p', 'h1', 'h2', 'h3', 'h4',
  'section', 'article', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'form', 'input',
  'label', 'button', 'textarea', 'object', 'strong', 'span', 'code', 'pre', 'time', 'bdi', 'br', 'blockquote', 'select', 'option',
  'fieldset', 'legend',
]);

export function textOf(page: string): string {
  return page.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');
}
