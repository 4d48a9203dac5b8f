// The notice board, the local outbox and the landing page.
import { describe, expect, it } from 'vitest';
import { homePage } from '../../../shared/pages/home';
import { noticeBoardPage } from '../../../shared/pages/notices';
import { outboxPage } from '../../../shared/pages/outbox';
import { PROTOCOL_ID, notices, outboxEntries } from './fixtures';
import { find, textOf } from './markup';

describe('notice board', () => {
  const out = noticeBoardPage({ notices: notices(), today: '2025-03-01', baseUrl: 'https://justera.example.se/' }).value;

  it('is Swedish and titled Anslagstavla', () => {
    expect(out).toContain('<html lang="sv">');
    expect(out).toContain('<h1>Anslagstavla</h1>');
    expect(out).not.toContain('noindex');
  });

  it('shows each notice as an article with the statutory facts, newest posting first', () => {
    const articles = find(out, 'article');
    expect(articles).toHaveLength(2);
    const text = textOf(out);
    expect(text.indexOf('Regionsjukvårdsledningen')).toBeLessThan(text.indexOf('Samverkansnämnd Sjukvårdsregion Mellansverige'));
    for (const label of ['Sammanträdesdatum', 'Justeringsdatum', 'Anslaget', 'Tas ned', 'Förvaringsplats', 'Organ', 'Handling', 'Paragrafer'])
      expect(out).toContain(`<dt>${label}</dt>`);
    expect(out).toContain('<dt>Justeringsdatum</dt><dd><time datetime="2025-02-19">2025-02-19</time></dd>');
    expect(out).toContain('<dt>Anslaget</dt><dd><time datetime="2025-02-20">2025-02-20</time></dd>');
    expect(out).toContain('<dt>Tas ned</dt><dd><time datetime="2025-03-14">2025-03-14</time></dd>');
  });

  it('puts the last day to appeal up front', () => {
    expect(out).toContain('<p class="appeal">Sista dag för överklagande <strong><time datetime="2025-03-13">torsdag 13 mars 2025</time></strong></p>');
  });

  it('links where the protocol is kept and the signed PDF', () => {
    expect(find(out, 'a', { href: `https://justera.example.se/protocols/${PROTOCOL_ID}` })).toHaveLength(1);
    const pdf = find(out, 'a', { href: `https://justera.example.se/protocols/${PROTOCOL_ID}/pdf` });
    expect(pdf).toHaveLength(1);
    expect(out).toContain('Justerat protokoll (PDF)<span class="vh">, Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14</span>');
    expect(find(out, 'a', { href: 'https://justera.example.se/notices' })).toHaveLength(1);
  });

  it('explains laglighetsprövning: three weeks from posting, to förvaltningsrätten', () => {
    const text = textOf(out);
    expect(text).toContain('laglighetsprövning');
    expect(text).toContain('inom tre veckor från den dag justeringen anslogs');
    expect(text).toContain('förvaltningsrätten');
  });

  it('lets a reader follow each body from its notice: a link to that body\'s subscribe page', () => {
    for (const n of notices()) {
      const links = find(out, 'a', { href: `/prenumeration/${encodeURIComponent(n.body)}` });
      expect(links, n.body).toHaveLength(1);
    }
    expect(textOf(out)).toContain('Få e-post när Samverkansnämnd Sjukvårdsregion Mellansverige anslår en ny justering');
  });

  it('says so when there is nothing posted', () => {
    const empty = noticeBoardPage({ notices: [], today: '2025-03-01', baseUrl: 'https://justera.example.se' }).value;
    expect(textOf(empty)).toContain('Det finns inga anslag just nu.');
    expect(find(empty, 'article')).toHaveLength(0);
    expect(textOf(empty)).toContain('laglighetsprövning');
  });
});

describe('outbox', () => {
  const out = outboxPage(outboxEntries()).value;

  it('lists mails newest first with recipient, subject and date', () => {
    const text = textOf(out);
    expect(text.indexOf('Justerat: Samverkansnämnd')).toBeLessThan(text.indexOf('Justering: Samverkansnämnd'));
    expect(text).toContain('ordforande@example.se');
    expect(out).toContain('<time datetime="2025-02-17T08:05:00.000Z">2025-02-17 09:05 CET</time>');
  });

  it('makes links clickable, in the list and in the text', () => {
    const link = outboxEntries()[0]!.links[0]!;
    expect(find(out, 'a', { href: link })).toHaveLength(2);
    expect(out).toMatch(/<pre>Hej Helena Proos,/);
  });

  it('has an empty state and stays out of search engines', () => {
    const empty = outboxPage([]).value;
    expect(textOf(empty)).toContain('Utkorgen är tom.');
    expect(empty).toContain('noindex');
  });
});

describe('home', () => {
  it('links the public parts, with the outbox only locally', () => {
    const local = homePage({ baseUrl: 'http://127.0.0.1:3000/', local: true }).value;
    for (const path of ['/protocols', '/decisions', '/notices', '/anslagstavla', '/openapi.json', '/outbox'])
      expect(find(local, 'a', { href: `http://127.0.0.1:3000${path}` }), path).toHaveLength(1);
    const aws = homePage({ baseUrl: 'https://justera.example.se', local: false }).value;
    expect(aws).not.toContain('/outbox');
    expect(find(aws, 'a', { href: 'https://justera.example.se/anslagstavla' })).toHaveLength(1);
  });
});
