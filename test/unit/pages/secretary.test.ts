// The secretary's page: what was read and where from, the form only while a
// correction is allowed, hostile data inert, and nothing personal leaked.
import { describe, expect, it } from 'vitest';
import { secretaryPage } from '../../../shared/pages/secretary';
import { HOSTILE, TOKEN, hostileProtocol, secretaryInput, signer } from './fixtures';
import { ALLOWED_TAGS, find, tags, textOf } from './markup';

describe("the secretary's page", () => {
  const out = secretaryPage(secretaryInput()).value;
  const text = textOf(out).replace(/\s+/g, ' ');

  it('shows each value with where it was read', () => {
    expect(text).toContain('Helena Proos');
    expect(text).toContain('Källa: § 1, sida 1 · ”Till ordförande valdes Helena Proos” (regel: election)');
    expect(text).toContain('Angiven av sekreteraren 2025-02-17 (rättad av sekreteraren)');
    expect(text).toContain('Protokollet anger ingen justerare');
    expect(text).toContain('§ 8 Budgetdirektiv 2026 för samverkansnämnden');
    expect(text).toContain('Mötesdatum läst ur sidhuvudet.');
  });

  it('offers the directory to pick from, a new person, date and place, and posts to its own link', () => {
    const [form] = find(out, 'form');
    expect(form!.attrs).toMatchObject({ method: 'post', action: `/secretary/${TOKEN}?lang=sv` });
    expect(find(out, 'option').map((o) => o.attrs.value)).toEqual(['', 'Helena Proos', 'Patrik Stenvard', 'Sofia Jarl']);
    expect(find(out, 'option', { value: 'Helena Proos' })[0]!.raw).toContain('selected');
    expect(find(out, 'input', { name: 'adjuster' }).map((i) => i.attrs.value)).toEqual(['Helena Proos', 'Patrik Stenvard', 'Sofia Jarl']);
    expect(find(out, 'input', { name: 'newEmail' })[0]!.attrs.type).toBe('email');
    expect(find(out, 'input', { name: 'date' })[0]!.attrs).toMatchObject({ type: 'date', value: '2025-02-14' });
    expect(find(out, 'button').map((b) => b.attrs.value)).toEqual(['route', 'save']);
    // Names and roles only: never an address from the directory.
    expect(out).not.toContain('@example.se');
  });

  it('every form control has a label', () => {
    for (const control of [...find(out, 'select'), ...find(out, 'input').filter((i) => i.attrs.type !== 'hidden')])
      expect(out, control.raw).toContain(`for="${control.attrs.id}"`);
  });

  it('says when the chair comes from the directory, and locks the form once someone signed', () => {
    const routed = secretaryPage(
      secretaryInput({ signers: [signer({ origin: 'directory' }), signer({ id: 's2', name: 'Patrik Stenvard', role: 'justerare', status: 'signed' })] }, { status: 'ROUTED', reason: null, chair: null, adjusters: ['Patrik Stenvard'] }),
    ).value;
    expect(textOf(routed)).toContain('Protokollet anger ingen ordförande; katalogens ordförande, Helena Proos, får länken.');
    expect(find(routed, 'form')).toEqual([]);
    expect(textOf(routed)).toContain('Patrik Stenvard har redan justerat');
  });

  it('shows the error summary linked to the field, and the English page in English', () => {
    const error = secretaryPage(secretaryInput({ problem: { field: 'new-email', message: 'Skriv både namn och e-postadress för den nya personen.' } })).value;
    expect(find(error, 'a', { href: '#new-email' })).toHaveLength(1);
    expect(find(error, 'input', { id: 'new-email' })[0]!.attrs['aria-invalid']).toBe('true');
    const en = secretaryPage(secretaryInput({ lang: 'en' })).value;
    expect(find(en, 'html')[0]!.attrs.lang).toBe('en');
    expect(textOf(en)).toContain('The minutes are waiting for you');
    expect(en).toContain('<bdi lang="sv">Till ordförande valdes Helena Proos</bdi>');
  });

  it('renders hostile data as text', () => {
    const hostile = secretaryPage(secretaryInput({}, hostileProtocol())).value;
    for (const tag of tags(hostile)) {
      expect(ALLOWED_TAGS.has(tag.name), tag.raw).toBe(true);
      expect(Object.keys(tag.attrs).some((a) => a.startsWith('on')), tag.raw).toBe(false);
    }
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain(`<bdi>${HOSTILE.rtl}</bdi>`);
  });
});
