// The accessibility statement (/tillganglighet) that the law on accessibility
// of digital public services (2018:1937) asks every public body's site for:
// how accessible the service is, what is known not to be, how to report a
// problem and where to complain (Myndigheten för digital förvaltning, DIGG).
// Linked from the footer of every page.
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { languageSwitch, type Lang } from './parts';

const SV = html`<h1>Tillgänglighetsredogörelse</h1>
<p class="lede">Den här redogörelsen gäller Justeras webbsidor: anslagstavlan, sökningen bland beslut, protokollens sidor och sidorna där ordförande, justerare och sekreterare arbetar.</p>
<h2>Hur tillgänglig är tjänsten?</h2>
<p>Sidorna är gjorda för att uppfylla WCAG 2.1 på nivå AA (EN 301 549). De fungerar utan JavaScript, med tangentbord och skärmläsare, i mobil och dator, i ljust och mörkt läge och när texten förstoras. Varje sida prövas automatiskt med axe i en riktig webbläsare innan en ny version tas i drift.</p>
<h2>Det som inte är tillgängligt</h2>
<p>De justerade protokollen publiceras som PDF-filer så som sekreteraren har laddat upp dem, med stämplar och en granskningssida. PDF-filerna är inte alltid tillgängliga (till exempel saknas ofta taggad struktur). Innehållet i varje protokoll — paragrafer och beslut — finns därför också som text på protokollets sida.</p>
<h2>Rapportera brister</h2>
<p>Kontakta det organ vars protokoll det gäller (sekreteraren) och beskriv vad som inte fungerar och på vilken sida. Du kan också be om innehållet i ett annat format.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (DIGG) ansvarar för tillsynen över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur din anmälan har hanterats kan du anmäla det till DIGG på <a href="https://www.digg.se/">digg.se</a>.</p>
<h2>Hur vi har testat</h2>
<p>Varje sida prövas med axe-core mot WCAG 2.0 och 2.1, nivå A och AA, i Chromium i 1280 och 360 punkters bredd och i ljust och mörkt läge, och mot att inget behöver rullas i sidled vid 320 punkter.</p>`;

const EN = html`<h1>Accessibility statement</h1>
<p class="lede">This statement covers Justera's web pages: the notice board, the decision search, the pages of the minutes and the pages where chairs, adjusters and secretaries work.</p>
<h2>How accessible is the service?</h2>
<p>The pages are made to meet WCAG 2.1 level AA (EN 301 549). They work without JavaScript, by keyboard and with screen readers, on phones and computers, in light and dark mode and with enlarged text. Every page is checked automatically with axe in a real browser before a new version is deployed.</p>
<h2>What is not accessible</h2>
<p>The adjusted minutes are published as PDF files as the secretary uploaded them, with stamps and an audit page. These PDF files are not always accessible (they often lack tagged structure). The content of every protocol — paragraphs and decisions — is therefore also shown as text on the protocol's page.</p>
<h2>Report a problem</h2>
<p>Contact the body whose minutes it concerns (its secretary) and describe what does not work and on which page. You may also ask for the content in another format.</p>
<h2>Supervision</h2>
<p>The Agency for Digital Government (DIGG) supervises the Swedish law on accessibility of digital public services. If you are not satisfied with how your report was handled, you can report it to DIGG at <a href="https://www.digg.se/">digg.se</a>.</p>
<h2>How we tested</h2>
<p>Every page is checked with axe-core against WCAG 2.0 and 2.1, levels A and AA, in Chromium at 1280 and 360 pixels wide in light and dark mode, and for no sideways scrolling at 320 pixels.</p>`;

export function accessibilityPage(lang: Lang): Html {
  return layout({
    lang,
    title: lang === 'sv' ? 'Tillgänglighetsredogörelse – Justera' : 'Accessibility statement – Justera',
    main: lang === 'sv' ? SV : EN,
    header: languageSwitch(lang),
  });
}
