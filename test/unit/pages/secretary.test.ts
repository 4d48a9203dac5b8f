// The secretary's page: what was read and where from, the form only while a
// correction is allowed, hostile data inert, and nothing personal leaked.
import { describe, expect, it } from 'vitest';
import { secretaryPage } from '../../../shared/pages/secretary';
import { HOSTILE, TOKEN, bodyProtocolsInput, hostileProtocol, publishedSecretaryInput, secretaryInput, signer } from './fixtures';
import { bodyProtocolsPage } from '../../../shared/pages/secretary-body';
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
    // The chair's choices, then the listed causes of a withdrawal.
    expect(find(out, 'option').map((o) => o.attrs.value)).toEqual(['', 'Helena Proos', 'Patrik Stenvard', 'Sofia Jarl', 'wrong-file', 'new-version', 'not-here']);
    expect(find(out, 'option', { value: 'Helena Proos' })[0]!.raw).toContain('selected');
    expect(find(out, 'input', { name: 'adjuster' }).map((i) => i.attrs.value)).toEqual(['Helena Proos', 'Patrik Stenvard', 'Sofia Jarl']);
    expect(find(out, 'input', { name: 'newEmail' })[0]!.attrs.type).toBe('email');
    expect(find(out, 'input', { name: 'date' })[0]!.attrs).toMatchObject({ type: 'date', value: '2025-02-14' });
    expect(find(out, 'button').map((b) => b.attrs.value)).toEqual(['route', 'save', 'withdraw']);
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
    // No correction form; the chair who has not answered can be reminded, and the protocol withdrawn.
    expect(find(routed, 'input', { name: 'version' })).toEqual([]);
    expect(find(routed, 'button').map((b) => b.attrs.value)).toEqual(['remind', 'resend', 'withdraw']);
    expect(find(routed, 'input', { name: 'signer' }).map((i) => i.attrs.value)).toEqual(['s1']);
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

describe('the ending and the body, on the secretary\'s pages', () => {
  it('after publication: who signed when, the sealed PDF and the notice; nothing left to do', () => {
    const out = secretaryPage(publishedSecretaryInput('sv')).value;
    const text = textOf(out).replace(/\s+/g, ' ');
    expect(text).toContain('Justerat och anslaget');
    expect(text).toContain('Inbjuden2025-02-17 09:05 CETÖppnade2025-02-17 10:00 CETJusterade2025-02-18 11:00 CET');
    expect(find(out, 'a', { href: 'https://justera.example.se/protocols/01JMB8Z4Q6X7Y2K9D3F5H8N1PV/pdf' })).toHaveLength(1);
    expect(text).toContain('Sista dag att överklaga2025-03-13');
    expect(find(out, 'form')).toEqual([]);
    expect(out).not.toContain('@example.se');
    expect(out).not.toContain('192.0.2.1');
  });

  it("lists the body's protocols with their states and reasons, in Swedish and English", () => {
    const sv = textOf(bodyProtocolsPage(bodyProtocolsInput('sv')).value).replace(/\s+/g, ' ');
    expect(sv).toContain('Ute för justering');
    expect(sv).toContain('januari.pdf');
    expect(sv).toContain('Justerat och anslaget');
    expect(sv).toContain('Sekreteraren återkallade protokollet: fel fil laddades upp.');
    const en = textOf(bodyProtocolsPage(bodyProtocolsInput('en')).value);
    expect(en).toContain('The secretary withdrew the minutes: the wrong file was uploaded.');
    expect(en).toContain('Out for adjustment');
  });
});
