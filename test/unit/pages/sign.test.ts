// The signing page: what each link state shows, the two forms only while the
// link is open, server-side errors tied to their fields, English on request,
// and nothing about other signers beyond name, role and status.
import { describe, expect, it } from 'vitest';
import { MAX_COMMENT } from '../../../shared/domain/reasons';
import { signPage, unknownLinkPage } from '../../../shared/pages/sign';
import { DRAFT_SHA, PDF_URL, STATES, TOKEN, TOKEN_HASH, linkView, sign } from './fixtures';
import { find, textOf } from './markup';

describe('open link', () => {
  const out = sign('open').value;

  it('posts to its own path with the language and the hash of the PDF shown', () => {
    const forms = find(out, 'form');
    expect(forms).toHaveLength(2);
    for (const f of forms) {
      expect(f.attrs.method).toBe('post');
      expect(f.attrs.action).toBe(`/sign/${TOKEN}?lang=sv`);
    }
    expect(find(out, 'input', { type: 'hidden', name: 'sha256', value: DRAFT_SHA })).toHaveLength(1);
  });

  it('asks for explicit, labelled consent before the Justera button', () => {
    const [consent] = find(out, 'input', { type: 'checkbox', name: 'consent', value: 'on' });
    expect(consent?.attrs).toHaveProperty('required');
    expect(consent?.attrs.id).toBe('consent');
    expect(out).toMatch(/<label for="consent">Jag har läst protokollet och justerar det som ordförande\.<\/label>/);
    expect(out).toMatch(/<button type="submit" name="action" value="sign">Justera<\/button>/);
    expect(out.indexOf('id="consent"')).toBeLessThan(out.indexOf('value="sign"'));
  });

  it('asks what the change concerns, from a labelled list with "something else" chosen', () => {
    expect(out).toContain('<label class="label" for="topic">Vad gäller ändringen?</label>');
    const options = find(out, 'option').filter((o) => ['attendance', 'decision', 'meeting', 'wording', 'other'].includes(o.attrs.value ?? ''));
    expect(options.map((o) => o.attrs.value)).toEqual(['attendance', 'decision', 'meeting', 'wording', 'other']);
    expect(options.filter((o) => 'selected' in o.attrs).map((o) => o.attrs.value)).toEqual(['other']);
    expect(find(out, 'select', { name: 'topic' })).toHaveLength(1);
    expect(out).toContain('<option value="meeting">Datum, tid eller plats</option>');
  });

  it('offers a labelled, limited, required comment to request a change', () => {
    const [comment] = find(out, 'textarea', { name: 'comment' });
    expect(comment?.attrs.maxlength).toBe(String(MAX_COMMENT));
    expect(comment?.attrs).toHaveProperty('required');
    expect(comment?.attrs['aria-describedby']).toBe('comment-hint');
    expect(out).toContain('<label class="label" for="comment">Vad ska ändras?</label>');
    expect(out).toMatch(/<button type="submit" class="secondary" name="action" value="request-changes">Begär ändring<\/button>/);
  });

  it('shows the meeting, the signer, the deadline and what to do', () => {
    const text = textOf(out);
    expect(text).toContain('Samverkansnämnd Sjukvårdsregion Mellansverige');
    expect(text).toContain('fredag 14 februari 2025');
    expect(text).toContain('09:00–12:00');
    expect(text).toContain('Digitalt');
    expect(text).toContain('Helena Proos, ordförande');
    expect(text).toContain('2025-02-28 23:59 CET');
    expect(text).toContain('Du ombeds justera protokollet');
    // The banner's link and the sticky action bar's.
    expect(find(out, 'a', { href: '#justera' })).toHaveLength(2);
  });

  it('links and embeds the PDF with a name, a fallback link and its SHA-256', () => {
    expect(find(out, 'a', { href: PDF_URL }).length).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/>Öppna PDF<\/a>/);
    const [object] = find(out, 'object');
    expect(object?.attrs).toMatchObject({ data: PDF_URL, type: 'application/pdf', title: 'Protokollet som PDF', 'aria-label': 'Protokollet som PDF' });
    expect(out).toContain(`<code>${DRAFT_SHA}</code>`);
  });

  it('shows paragraphs with headings, their text as paragraphs and labelled decisions', () => {
    expect(out).toContain('<h3 id="p3"><bdi>§ 8</bdi> <bdi>Budgetdirektiv 2026 för samverkansnämnden</bdi></h3>');
    expect(out).toContain('<p>Samverkansnämnden ska enligt avtalet fastställa budgetdirektiv för kommande år.</p>');
    expect(out).toContain('<h4 id="b3">Beslut</h4><ul aria-labelledby="b3"><li>att fastställa budgetdirektiv 2026 enligt förslaget,</li>');
    expect(find(out, 'nav', { class: 'toc' })).toHaveLength(1);
  });

  it('lists who signs with role and status, never addresses, tokens or hashes', () => {
    const text = textOf(out);
    expect(text).toContain('Patrik Stenvard');
    expect(text).toContain('justerare');
    expect(text).toContain('Har inte justerat än');
    expect(text).toContain('Justerade 2025-02-17 09:30 CET');
    expect(text).toContain('Helena Proos (du)');
    expect(out).not.toContain('example.se');
    expect(out).not.toContain(TOKEN_HASH);
    expect(out).not.toContain('b'.repeat(64));
    expect(out).not.toContain('192.0.2.');
  });

  it('keeps personal pages out of search engines', () => {
    expect(out).toContain('<meta name="robots" content="noindex, nofollow">');
  });
});

describe.each(STATES.filter((s) => s !== 'open'))('%s link', (state) => {
  const out = sign(state).value;

  it('has no form and no form fields', () => {
    expect(out).not.toContain('<form');
    expect(out).not.toContain('name="consent"');
    expect(out).not.toContain('name="comment"');
    expect(out).not.toContain('name="action"');
    expect(out).not.toContain('href="#justera"');
  });

  it('still shows the meeting and who signs', () => {
    expect(textOf(out)).toContain('Samverkansnämnd Sjukvårdsregion Mellansverige');
    expect(out).toContain('id="justerare-rubrik"');
  });
});

describe('status banners', () => {
  it.each([
    ['signed', 'Tack – du har justerat protokollet', 'Du justerade 2025-02-19 18:56 CET.'],
    ['changes-requested', 'Du har begärt en ändring', 'I § 8 ska det stå "2026", inte "2025".'],
    ['paused', 'Justeringen är pausad', 'Någon annan som justerar har begärt en ändring.'],
    ['expired', 'Tiden för justering har gått ut', 'Sista dagen var 2025-02-28 23:59 CET.'],
    ['superseded', 'Det finns en nyare version', 'En nyare version av protokollet har skickats till dig.'],
    ['adjusted', 'Protokollet är justerat', 'Alla har justerat protokollet (2025-02-19 18:56 CET).'],
    ['closed', 'Länken är inte aktiv', 'Kontakta sekreteraren, Eva-Lena Aspetorp, om du har frågor.'],
  ] as const)('%s', (state, heading, line) => {
    const out = sign(state).value;
    expect(out).toContain(`<h2>${heading}</h2>`);
    expect(textOf(out).replaceAll('&quot;', '"')).toContain(line);
    expect(out).toContain(`<title>${heading} – `);
  });

  it('hides the outdated version behind a superseded link', () => {
    const out = sign('superseded').value;
    expect(out).not.toContain('<object');
    expect(out).not.toContain('id="innehall"');
  });
});

describe('server-side validation', () => {
  it('ties a missing consent to the checkbox', () => {
    const out = sign('open', 'sv', 'consent-missing').value;
    expect(out).toMatch(/<div class="error-summary" role="alert"[^>]*>/);
    expect(out).toContain('<a href="#consent">Kryssa i rutan för att bekräfta att du har läst protokollet.</a>');
    const [consent] = find(out, 'input', { name: 'consent' });
    expect(consent?.attrs['aria-describedby']).toBe('consent-hint consent-error');
    expect(consent?.attrs['aria-invalid']).toBe('true');
    expect(out).toContain('<title>Fel: ');
  });

  it('ties a missing comment to the textarea', () => {
    const out = sign('open', 'sv', 'comment-missing').value;
    expect(out).toContain('<a href="#comment">');
    const [comment] = find(out, 'textarea', { name: 'comment' });
    expect(comment?.attrs['aria-describedby']).toBe('comment-hint comment-error');
    expect(find(out, 'input', { name: 'consent' })[0]?.attrs['aria-invalid']).toBeUndefined();
  });

  it('explains a refusal without a field', () => {
    const open = sign('open', 'sv', 'refused').value;
    expect(textOf(open)).toContain('Protokollet har ändrats sedan du öppnade sidan.');
    const gone = sign('expired', 'sv', 'refused').value;
    expect(textOf(gone)).toContain('Det du skickade kunde inte tas emot.');
    expect(gone).not.toContain('<form');
  });

  it('treats a repeated post of a finished action as done, not as an error', () => {
    const again = sign('signed', 'sv', 'refused').value;
    expect(again).not.toContain('class="error-summary"');
    expect(again).toContain('<h2>Tack – du har justerat protokollet</h2>');
    expect(sign('changes-requested', 'sv', 'refused').value).not.toContain('class="error-summary"');
  });

  it('shows no error summary for successful posts', () => {
    expect(sign('signed', 'sv', 'signed').value).not.toContain('class="error-summary"');
    expect(sign('changes-requested', 'sv', 'changes-requested').value).not.toContain('class="error-summary"');
  });
});

describe('English', () => {
  const out = sign('open', 'en').value;

  it('switches the page language and keeps the Swedish minutes marked as Swedish', () => {
    expect(out).toContain('<html lang="en">');
    expect(textOf(out)).toContain('You are asked to adjust (sign) the minutes');
    expect(out).toContain('<label for="consent">I have read the minutes and adjust (sign) them as chair.</label>');
    expect(out).toContain('<bdi lang="sv">Budgetdirektiv 2026 för samverkansnämnden</bdi>');
    expect(out).toContain('<h4 id="b3">Decision</h4><ul aria-labelledby="b3" lang="sv">');
    expect(out).toContain('<title>You are asked to adjust (sign) the minutes – ');
  });

  it('posts back in English and links to Swedish', () => {
    for (const f of find(out, 'form')) expect(f.attrs.action).toBe(`/sign/${TOKEN}?lang=en`);
    expect(find(out, 'a', { href: '?lang=sv', lang: 'sv' })).toHaveLength(1);
    expect(find(out, 'a', { href: '?lang=en' })).toHaveLength(0);
  });

  it('Swedish links to English', () => {
    expect(find(sign('open').value, 'a', { href: '?lang=en', lang: 'en' })).toHaveLength(1);
  });

  it('translates every state', () => {
    for (const state of STATES) expect(sign(state, 'en').value).not.toMatch(/Justera senast|Vem justerar|Du ombeds/);
  });
});

describe('notes (minnesanteckningar)', () => {
  it('says so and numbers items as written', () => {
    const view = linkView('open', { protocol: { kind: 'minnesanteckningar' } });
    view.items = view.items.map((i, n) => ({ ...i, number: String(n + 1) }));
    const out = signPage({ view, lang: 'sv', token: TOKEN, pdfUrl: PDF_URL }).value;
    expect(textOf(out)).toContain('Minnesanteckningar att justera');
    expect(out).toContain('<h3 id="p0"><bdi>1.</bdi> <bdi>Mötets öppnande</bdi></h3>');
  });
});

describe('unknown link', () => {
  it('is the same page whatever the token, and reveals nothing', () => {
    const sv = unknownLinkPage('sv').value;
    expect(sv).toBe(unknownLinkPage('sv').value);
    expect(sv).toContain('<h1>Länken gäller inte</h1>');
    expect(sv).not.toContain('/sign/');
    expect(unknownLinkPage('en').value).toContain('<h1>The link is not valid</h1>');
  });
});
