import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedDocument, type TextLine } from '../../../shared/minutes/extract';
import { findSignatureAnchors } from '../../../shared/stamp/anchors';
import { stampProtocol, stampText } from '../../../shared/stamp/stamp';
import { formatZoned } from '../../../shared/domain/stockholm';
import type { StampSigner } from '../../../shared/stamp/types';
import { besideName, box, fixture, overlaps, stampInput } from './helpers';

const run = promisify(execFile);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'justera-stamp-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function pdftotext(pdf: Uint8Array): Promise<string> {
  const file = path.join(tmp, `text-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
}

const allLines = (doc: ExtractedDocument) => doc.pages.flatMap((p) => p.lines);

function footerChecks(out: ExtractedDocument, id: string): void {
  const total = out.pages.length;
  for (const page of out.pages) {
    const footer = page.lines.filter((l) => l.text === `Protokoll ${id} · Sida ${page.number} av ${total}`);
    expect(footer, `footer on page ${page.number}`).toHaveLength(1);
    for (const other of page.lines)
      if (other !== footer[0]) expect(overlaps(box(footer[0]!), box(other)), `footer vs "${other.text}" on page ${page.number}`).toBe(false);
  }
}

/** The raw (still encoded) bytes of each content stream of a page. */
function contentStreams(doc: PDFDocument, index: number): Buffer[] {
  const page = doc.getPages()[index]!;
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs.map((ref) => {
    const stream = doc.context.lookup(ref as PDFRef);
    if (stream instanceof PDFRawStream) return Buffer.from(stream.contents);
    if (stream instanceof PDFStream) return Buffer.from(stream.getContents());
    throw new Error('not a stream');
  });
}

describe('stampProtocol: 003 protokoll (chair on page 3, adjuster alone on page 4)', () => {
  const id = 'p-2025-0214-samverkan';
  let draft: Uint8Array;
  let stamped: Uint8Array;
  let before: ExtractedDocument;
  let after: ExtractedDocument;
  let signers: StampSigner[];

  beforeAll(async () => {
    draft = await fixture('003-protokoll-draft.pdf');
    before = await extractDocument(draft);
    const anchors = findSignatureAnchors(before, ['Helena Proos', 'Patrik Stenvard']);
    signers = [
      { name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:56:00Z', anchor: anchors.get('Helena Proos') },
      { name: 'Patrik Stenvard', role: 'justerare', signedAt: '2025-02-18T04:54:00Z', anchor: anchors.get('Patrik Stenvard') },
    ];
    stamped = await stampProtocol(stampInput(draft, before, signers, id));
    after = await extractDocument(stamped);
  });

  it('writes the stamp text with the local time and zone', () => {
    expect(stampText(signers[0]!)).toBe('Justerat digitalt av Helena Proos, ordförande, 2025-02-19 18:56 CET');
    expect(formatZoned('2025-07-01T10:00:00Z')).toBe('2025-07-01 12:00 CEST');
  });

  it('draws each stamp next to the printed name', () => {
    for (const signer of signers) {
      const anchor = signer.anchor!;
      const name = after.pages[anchor.page - 1]!.lines.find((l) => l.text === signer.name && Math.abs(l.y - anchor.y) < 0.5);
      expect(name, signer.name).toBeDefined();
      const stamps = allLines(after).filter((l) => l.text.includes(`Justerat digitalt av ${signer.name}`));
      expect(stamps).toHaveLength(1);
      expect(stamps[0]!.text).toBe(stampText(signer));
      expect(besideName(stamps[0]!, name!), `${signer.name}: stamp at ${stamps[0]!.page}/${stamps[0]!.x},${stamps[0]!.y}`).not.toBeNull();
    }
  });

  it('adds exactly one audit page and a footer on every page, clear of other text', () => {
    expect(after.pages).toHaveLength(before.pages.length + 1);
    footerChecks(after, id);
  });

  it('ends with the audit trail', () => {
    const last = after.pages.at(-1)!.lines.map((l) => l.text).join('\n');
    expect(last).toContain('Granskningslogg / Audit trail');
    for (const expected of [
      'Protokoll Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14',
      'Samverkansnämnd Sjukvårdsregion Mellansverige',
      id,
      stampInput(draft, before, signers).audit.draftSha256,
      'Helena Proos – ordförande',
      'Patrik Stenvard – justerare',
      'Metod / Method: personlig länk via e-post',
      'Öppnad / Viewed',
      'Justerad / Signed',
      'Påminnelse / Reminder',
      '2025-02-19 18:56:00 CET',
      'Bevis (SHA-256) / Evidence (SHA-256)',
      'Uppladdad / Uploaded',
      'CN=Justera lokal försegling, O=Region Örebro län',
      '4a1b2c3d4e5f60718293a4b5c6d7e8f9',
      '2025-02-19 19:05:00 CET',
      'Ingen / None',
    ])
      expect(last, expected).toContain(expected);
    // Each act's evidence hash, whole (it may wrap in its column); no address, IP or user agent.
    const evidence = stampInput(draft, before, signers).audit.signers[0]!.events.find((e) => e.type === 'signed')!.evidenceSha256!;
    expect(last.replace(/\s+/g, '')).toContain(evidence);
    expect(last).not.toMatch(/@|\d+\.\d+\.\d+\.\d+|Mozilla/);
  });

  it('keeps Swedish characters intact for pdftotext', async () => {
    const text = await pdftotext(stamped);
    for (const s of ['Justerat digitalt av Helena Proos, ordförande, 2025-02-19 18:56 CET', 'Sammanträdesdatum / Meeting date', 'Örebro län', 'Dokumenthändelser', 'Återrapport aktivitetsplan'])
      expect(text).toContain(s);
  });

  it('embeds every font it uses (no standard-14 fonts)', async () => {
    const file = path.join(tmp, 'fonts.pdf');
    await writeFile(file, stamped);
    const rows = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
    expect(rows.some((r) => r.startsWith('DejaVuSans'))).toBe(true);
    for (const row of rows) expect(row, row).toMatch(/\s(CID TrueType|TrueType)\s+\S+\s+yes\s/);
    expect(stamped.length).toBeLessThan(draft.length + 120_000); // subset, not 2 MB of DejaVu
  });

  it('keeps the original content streams byte for byte and their text in place', async () => {
    const [a, b] = await Promise.all([PDFDocument.load(draft), PDFDocument.load(stamped)]);
    for (let i = 0; i < a.getPageCount(); i++) {
      const added = contentStreams(b, i);
      for (const original of contentStreams(a, i)) expect(added.some((s) => s.equals(original))).toBe(true);
    }
    for (const page of before.pages)
      for (const line of page.lines)
        expect(after.pages[page.number - 1]!.lines.some((l) => l.text === line.text && Math.abs(l.y - line.y) < 0.01)).toBe(true);
  });

  it('records the protocol id in the Info dictionary', async () => {
    const doc = await PDFDocument.load(stamped);
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    expect(info.lookup(PDFName.of('JusteraProtocolId'), PDFHexString).decodeText()).toBe(id);
    expect(doc.getTitle()).toBe('Protokoll Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
  });
});

describe('stampProtocol: 000 minnesanteckningar (keeper of the notes)', () => {
  it('stamps next to "Agnes Savetun" under "Vid anteckningarna"', async () => {
    const draft = await fixture('000-minnesanteckningar.pdf');
    const before = await extractDocument(draft);
    const anchor = findSignatureAnchors(before, ['Agnes Savetun']).get('Agnes Savetun');
    expect(anchor).toBeDefined();
    const signer: StampSigner = { name: 'Agnes Savetun', role: 'sekreterare', signedAt: '2025-04-02T08:15:00Z', anchor };
    const out = await extractDocument(await stampProtocol(stampInput(draft, before, [signer], 'm-2025-0401-rsl')));
    const name = out.pages[anchor!.page - 1]!.lines.find((l) => l.text === 'Agnes Savetun')!;
    const stamp = allLines(out).find((l) => l.text === 'Justerat digitalt av Agnes Savetun, sekreterare, 2025-04-02 10:15 CEST')!;
    expect(stamp).toBeDefined();
    expect(besideName(stamp, name)).not.toBeNull();
    footerChecks(out, 'm-2025-0401-rsl');
  });
});

/** A draft without a signature block: `count` numbered lines, 16 pt apart, from the top of page 1 on. */
async function plainDraft(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let page = doc.addPage([595.28, 841.89]);
  let y = 780;
  for (let i = 0; i < count; i++) {
    if (y < 60) {
      page = doc.addPage([595.28, 841.89]);
      y = 780;
    }
    page.drawText(`§ ${i + 1}. Ärendet behandlades och nämnden beslutade enligt förslaget.`, { x: 56, y, size: 11, font });
    y -= 16;
  }
  return doc.save();
}

describe('stampProtocol without printed names', () => {
  const signers: StampSigner[] = [
    { name: 'Åsa Öhrn', role: 'ordförande', signedAt: '2025-03-03T09:00:00Z' },
    { name: 'Jörgen Müller', role: 'justerare', signedAt: '2025-03-04T15:30:00Z' },
  ];

  function blockLines(out: ExtractedDocument): { heading: TextLine; stamps: TextLine[] } {
    const heading = allLines(out).find((l) => l.text === 'Justering')!;
    expect(heading).toBeDefined();
    const stamps = signers.map((s) => allLines(out).find((l) => l.text === stampText(s))!);
    for (const stamp of stamps) {
      expect(stamp).toBeDefined();
      expect(stamp.page).toBe(heading.page);
      expect(stamp.y).toBeLessThan(heading.y);
    }
    return { heading, stamps };
  }

  it('adds a signature block after the last text of the last page when there is room', async () => {
    const draft = await plainDraft(10);
    const before = await extractDocument(draft);
    expect(findSignatureAnchors(before, signers.map((s) => s.name)).size).toBe(0);
    const out = await extractDocument(await stampProtocol(stampInput(draft, before, signers, 'x-1')));
    expect(out.pages).toHaveLength(2); // page 1 + audit page
    const { heading, stamps } = blockLines(out);
    const lastText = before.pages[0]!.lines.at(-1)!;
    expect(heading.page).toBe(1);
    expect(heading.y).toBeLessThan(lastText.y);
    expect(lastText.y - heading.y).toBeLessThan(40);
    for (const stamp of stamps) for (const line of before.pages[0]!.lines) expect(overlaps(box(stamp), box(line))).toBe(false);
    footerChecks(out, 'x-1');
  });

  it('puts the block on a new page when the last page is full', async () => {
    const draft = await plainDraft(46); // page 1 filled to its bottom margin
    const before = await extractDocument(draft);
    expect(before.pages).toHaveLength(1);
    const out = await extractDocument(await stampProtocol(stampInput(draft, before, signers, 'x-2')));
    expect(out.pages).toHaveLength(3); // page 1, the block's page, the audit page
    expect(blockLines(out).heading.page).toBe(2);
    expect(out.pages[2]!.lines.some((l) => l.text === 'Granskningslogg / Audit trail')).toBe(true);
    footerChecks(out, 'x-2');
  });

  it('continues a long audit trail on further pages', async () => {
    const draft = await plainDraft(5);
    const before = await extractDocument(draft);
    const input = stampInput(draft, before, signers, 'x-3');
    for (const s of input.audit.signers)
      for (let i = 0; i < 80; i++) s.events.push({ type: 'reminded', at: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T07:00:00Z` });
    const out = await extractDocument(await stampProtocol(input));
    expect(out.pages.length).toBeGreaterThanOrEqual(4);
    expect(out.pages[2]!.lines.some((l) => l.text.startsWith('Granskningslogg (forts.) / Audit trail (continued)'))).toBe(true);
    expect(out.pages.at(-1)!.lines.some((l) => l.text.startsWith('Digital försegling / Digital seal'))).toBe(true);
    footerChecks(out, 'x-3');
  });
});
