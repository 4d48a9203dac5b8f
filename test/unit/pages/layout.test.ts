// The document shell and the rules every page keeps: one hashed style sheet
// and nothing else inline, no script, landmarks and a skip link.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html } from '../../../shared/html/html';
import { csp } from '../../../shared/lambda/http';
import { STYLE, layout } from '../../../shared/pages/layout';
import { allPages } from './fixtures';
import { ALLOWED_TAGS, find, tags } from './markup';

const pages = allPages();

describe('layout', () => {
  const page = layout({ lang: 'sv', title: 'Prov <b> & "citat"', main: html`<h1>Rubrik</h1>`, header: html`<nav aria-label="Språk"></nav>` }).value;

  it('is a complete document with language, charset, viewport and an escaped title', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>Prov &lt;b&gt; &amp; &quot;citat&quot;</title>');
  });

  it('has a skip link to main, the landmarks and the brand', () => {
    const skip = find(page, 'a', { class: 'skip' });
    expect(skip[0]?.attrs.href).toBe('#main');
    expect(find(page, 'main', { id: 'main' })).toHaveLength(1);
    expect(find(page, 'header')).toHaveLength(1);
    expect(find(page, 'footer')).toHaveLength(1);
    expect(page).toContain('<p class="brand">Justera</p>');
    expect(page).toContain('<nav aria-label="Språk"></nav>');
  });

  it('speaks English chrome with lang en', () => {
    const en = layout({ lang: 'en', title: 'T', main: html`` }).value;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Skip to main content');
  });

  it('drops bidi overrides from the title only', () => {
    const page = layout({ lang: 'sv', title: 'a\u202Eb', main: html`<p>${'a\u202Eb'}</p>` }).value;
    expect(page).toContain('<title>ab</title>');
    expect(page).toContain('<p>a\u202Eb</p>');
  });
});

describe('STYLE', () => {
  it('cannot end its own element and keeps the base text size at 16 px or more', () => {
    expect(STYLE).not.toMatch(/<\/style/i);
    expect(STYLE).toMatch(/body\{[^}]*font:1rem\/1\.5/);
    expect(STYLE).not.toMatch(/font-size:(0\.[0-7]|[0-9]px|1[0-3]px)/);
  });

  it('has visible focus, print and narrow-screen rules', () => {
    expect(STYLE).toContain(':focus-visible{outline:3px solid');
    expect(STYLE).toContain('@media print');
    expect(STYLE).toContain('@media (max-width:29.99rem)');
  });
});

describe.each(pages)('$name', ({ page }) => {
  const out = page.value;

  it('has exactly one style element, allowed by the CSP hash', () => {
    const styles = [...out.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]![1]!).digest('base64');
    expect(csp(STYLE)).toContain(`style-src 'sha256-${hash}'`);
  });

  it('has no script, no style attribute and no event handler', () => {
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\sstyle\s*=/i);
    for (const tag of tags(out)) {
      expect(ALLOWED_TAGS.has(tag.name), tag.raw).toBe(true);
      for (const [name, value] of Object.entries(tag.attrs)) {
        expect(name.startsWith('on'), tag.raw).toBe(false);
        if (['href', 'action', 'data', 'src'].includes(name)) expect(value, tag.raw).toMatch(/^(https?:\/\/|\/(?!\/)|\?|#|data:,$)/);
      }
    }
  });

  it('uses every id once and points labels and references at existing ids', () => {
    const all = tags(out);
    const ids = all.map((t) => t.attrs.id).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of all) {
      for (const ref of [t.attrs['aria-labelledby'], t.attrs['aria-describedby'], t.attrs.for].filter(Boolean))
        for (const id of ref!.split(' ')) expect(ids, t.raw).toContain(id);
      if (t.name === 'a' && t.attrs.href?.startsWith('#')) expect(ids, t.raw).toContain(t.attrs.href.slice(1));
    }
  });

  it('has one h1 and a title', () => {
    expect(find(out, 'h1')).toHaveLength(1);
    expect(out).toMatch(/<title>[^<]+<\/title>/);
  });
});
