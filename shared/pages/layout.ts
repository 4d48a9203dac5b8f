// The document around every page. One constant style sheet, allowed by the
// Content-Security-Policy through its SHA-256 hash (csp(STYLE)), so pages use
// classes only: no style attributes, no script, and everything works without
// JavaScript. Mobile first: the base rules are for a 320 px phone, wider
// screens only get more room.
import { html, trusted, type Html } from '../html/html';
import type { Lang } from './parts';

// Colours are chosen for WCAG 2.1 AA: body text ≥ 7:1, muted text ≥ 4.5:1,
// control borders and focus rings ≥ 3:1 against their background, in both the
// light and the dark scheme (checked by axe in test/browser/pages-a11y.test.ts).
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#4b5057;--surface:#f3f4f6;--line:#c5c9cf;--control:#5f6368;--link:#0b57a4;--accent:#0b57a4;--on-accent:#fff;--focus:#1b1b1b;--info-bg:#e8f1fb;--info-line:#0b57a4;--ok-bg:#e7f4ea;--ok-line:#1e7b34;--warn-bg:#fff4de;--warn-line:#9a5800;--stop-bg:#fdecea;--stop-line:#b3261e;--err:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceef1;--muted:#b9bfc7;--surface:#1c2025;--line:#4a5058;--control:#9aa1aa;--link:#8cbcff;--accent:#8cbcff;--on-accent:#0b1320;--focus:#f2f4f7;--info-bg:#13263d;--info-line:#8cbcff;--ok-bg:#132a1c;--ok-line:#63c57f;--warn-bg:#2e2410;--warn-line:#f0b44c;--stop-bg:#33171a;--stop-line:#ff8f86;--err:#ff8f86}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;overflow-wrap:break-word}
@media (min-width:40rem){body{font-size:1.0625rem}}
.wrap{max-width:48rem;margin:0 auto;padding:0 1rem}
@media (min-width:40rem){.wrap{padding:0 1.5rem}}
h1,h2,h3,h4{line-height:1.25;margin:1.75em 0 .5em}
h1{font-size:1.75rem;margin-top:.25em}
h2{font-size:1.375rem}
h3{font-size:1.1875rem}
h4{font-size:1rem}
@media (min-width:40rem){h1{font-size:2.125rem}h2{font-size:1.5rem}}
p,ul,ol,dl,table,pre,blockquote{margin:0 0 1rem}
ul,ol{padding-left:1.5rem}
li+li{margin-top:.25rem}
a{color:var(--link);text-decoration-thickness:.0625em;text-underline-offset:.15em}
a:hover{text-decoration-thickness:.15em}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
[id]{scroll-margin-top:1rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9375em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;padding:1rem;background:var(--surface);border:1px solid var(--line);border-radius:.375rem}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
.skip{position:absolute;left:.5rem;top:-20rem;z-index:10;padding:.75rem 1rem;background:var(--bg);color:var(--link);font-weight:600;border:3px solid var(--focus)}
.skip:focus{top:.5rem}
.site-header{background:var(--surface);border-bottom:1px solid var(--line)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{margin:0;font-size:1.25rem;font-weight:700;letter-spacing:.02em}
.lang a{display:inline-block;padding:.5rem 0;font-weight:600}
main{display:block;padding:1.5rem 0 3rem}
main:focus{outline:none}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9375rem;padding:1.25rem 0 2rem}
.site-footer p{margin:0}
.kicker{margin:0;color:var(--muted);font-weight:600}
.lede{font-size:1.125rem}
.muted{color:var(--muted)}
.small{font-size:.875rem}
.url,.hash code{overflow-wrap:anywhere;word-break:break-all}
.banner{margin:1.5rem 0;padding:1rem 1.25rem;border-left:.375rem solid var(--info-line);background:var(--info-bg)}
.banner.ok{border-color:var(--ok-line);background:var(--ok-bg)}
.banner.warn{border-color:var(--warn-line);background:var(--warn-bg)}
.banner.stop{border-color:var(--stop-line);background:var(--stop-bg)}
.banner h2{margin:0 0 .5rem;font-size:1.25rem}
.banner>:last-child,.panel>:last-child,.decision>:last-child,.card>:last-child{margin-bottom:0}
.facts{display:grid;grid-template-columns:1fr;margin:0 0 1.5rem}
.facts dt{font-weight:600;margin-top:.75rem}
.facts dd{margin:0}
@media (min-width:30rem){.facts{grid-template-columns:minmax(7rem,max-content) 1fr;column-gap:1.25rem}.facts dt,.facts dd{margin:0;padding:.375rem 0;border-bottom:1px solid var(--line)}}
.button,button{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.625rem 1.25rem;border:2px solid var(--accent);border-radius:.375rem;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;line-height:1.25;text-align:center;text-decoration:none;cursor:pointer}
.button:hover,button:hover{text-decoration:underline}
.button.secondary,button.secondary{background:var(--bg);color:var(--link)}
@media (max-width:29.99rem){form button,.button.wide{width:100%}}
.panel{margin:2rem 0;padding:1.25rem;border:1px solid var(--line);border-radius:.5rem;background:var(--surface)}
.panel h2{margin-top:0}
.field{margin:0 0 1.25rem}
.field.invalid{border-left:.25rem solid var(--err);padding-left:.75rem}
.check{display:flex;gap:.75rem;align-items:flex-start}
.check input{flex:none;width:1.75rem;height:1.75rem;margin:0;accent-color:var(--accent)}
.check label{display:block;padding-top:.125rem;font-weight:600}
.check .hint{margin:.25rem 0 0}
.label{display:block;font-weight:600;margin:0 0 .25rem}
.hint{color:var(--muted);margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:8rem;margin:0;padding:.5rem .75rem;border:2px solid var(--control);border-radius:.25rem;background:var(--bg);color:var(--fg);font:inherit;resize:vertical}
.field.invalid textarea{border-color:var(--err)}
input[type=text],input[type=email],input[type=date],select{display:block;width:100%;max-width:32rem;min-height:2.75rem;margin:0 0 .75rem;padding:.5rem .75rem;border:2px solid var(--control);border-radius:.25rem;background:var(--bg);color:var(--fg);font:inherit}
fieldset{margin:0 0 1.25rem;padding:0;border:0;min-width:0}
fieldset .check{margin:0 0 .5rem}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem}
.action-bar{position:sticky;bottom:0;z-index:1;display:flex;gap:.75rem;margin:1.5rem 0;padding:.75rem 0;background:var(--bg);border-top:1px solid var(--line)}
.action-bar .button{flex:1 1 0;padding-left:.5rem;padding-right:.5rem}
.error-message{color:var(--err);font-weight:600;margin:0 0 .5rem}
.error-summary{margin:0 0 1.5rem;padding:1rem 1.25rem;border:.25rem solid var(--err)}
.error-summary h2{margin:0 0 .5rem;font-size:1.25rem}
.error-summary ul{margin:0}
.error-summary a{color:var(--err);font-weight:600}
.toc ol{padding-left:0;list-style:none}
.item{border-top:1px solid var(--line);margin-top:1.5rem}
.item h3{margin-top:1rem}
.decision{margin:1rem 0;padding:.75rem 1rem;border-left:.25rem solid var(--accent);background:var(--surface)}
.decision h4{margin:0 0 .25rem}
.decision ul{margin:0}
blockquote{margin:0 0 1rem;padding:.5rem 1rem;border-left:.25rem solid var(--line);white-space:pre-wrap}
.pdf{display:none}
@media (min-width:48rem){.pdf{display:block;width:100%;height:80vh;min-height:32rem;margin:0 0 1rem;border:1px solid var(--line)}}
.card{margin:0 0 2rem;padding:1rem;border:1px solid var(--line);border-radius:.5rem}
@media (min-width:30rem){.card{padding:1.25rem}}
.card>:first-child{margin-top:0}
.card h2{font-size:1.25rem}
.card h3{font-size:1rem;margin:1.25rem 0 .25rem}
.card>h2:first-child,.card>h3:first-child{font-size:1.25rem;margin-bottom:.75rem}
.appeal{margin:0 0 1rem;padding:.75rem 1rem;border-left:.375rem solid var(--warn-line);background:var(--warn-bg)}
.appeal strong{display:block;font-size:1.375rem}
.rows{list-style:none;padding:0}
.rows li{margin:0;padding:.625rem 0;border-bottom:1px solid var(--line)}
.rows li:first-child{border-top:1px solid var(--line)}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#333;--surface:#fff;--line:#888;--link:#000;--accent:#000;--info-bg:#fff;--ok-bg:#fff;--warn-bg:#fff;--stop-bg:#fff}
body{font-size:11pt}
.wrap{max-width:none;padding:0}
.skip,.lang,.site-footer,form,.pdf,.toc,.no-print{display:none!important}
.site-header{background:none}
h2,h3,h4{break-after:avoid}
.item,.card,.decision,.rows li{break-inside:avoid}
a[href^="http"]::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
}
`;

// The accessibility statement is linked from every page, as the law on digital public services asks.
const CHROME: Record<Lang, { skip: string; footer: string; accessibility: string; statement: string }> = {
  sv: { skip: 'Hoppa till huvudinnehållet', footer: 'Justera – justering av protokoll för offentlig förvaltning.', accessibility: 'Tillgänglighetsredogörelse', statement: '/tillganglighet' },
  en: { skip: 'Skip to main content', footer: 'Justera – adjusting meeting minutes for Swedish public bodies.', accessibility: 'Accessibility statement', statement: '/tillganglighet?lang=en' },
};

export interface LayoutInput {
  lang: Lang;
  title: string;
  main: Html;
  /** Extra content in the site header, e.g. the language switch. */
  header?: Html;
  /** Personal pages (signing links) must not be indexed or cached by search engines. */
  noindex?: boolean;
}

/** A <title> cannot isolate bidi text, so explicit direction controls from data are dropped there. */
function titleText(title: string): string {
  return title.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
}

export function layout(input: LayoutInput): Html {
  const chrome = CHROME[input.lang];
  // The icon is an empty data: URL so that browsers do not fetch /favicon.ico on every page.
  return html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${input.noindex ? html`<meta name="robots" content="noindex, nofollow">` : ''}
<title>${titleText(input.title)}</title>
<link rel="icon" href="data:,">
<style>${trusted(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${chrome.skip}</a>
<header class="site-header"><div class="wrap"><p class="brand">Justera</p>${input.header ?? ''}</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${input.main}
</div></main>
<footer class="site-footer"><div class="wrap"><p>${chrome.footer}</p><p><a href="${chrome.statement}">${chrome.accessibility}</a></p></div></footer>
</body>
</html>
`;
}
