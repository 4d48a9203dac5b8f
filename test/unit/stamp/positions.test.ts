// The positions the parse step keeps for the stamp: read back from their JSON,
// they must place every signer exactly where a fresh extraction of the draft
// would, so stamping without pdf.js changes nothing on the page.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedDocument } from '../../../shared/minutes/extract';
import { parsePdf, PdfReadError, type Ocr } from '../../../shared/minutes/index';
import { anchorsIn, findSignatureAnchors } from '../../../shared/stamp/anchors';
import { encodePositions, positionsKeyOf, positionsOf, printsPageNumber, readPositions } from '../../../shared/stamp/positions';
import { stampProtocol, stampText } from '../../../shared/stamp/stamp';
import type { StampSigner } from '../../../shared/stamp/types';
import { box, fixture, FIXTURES, overlaps, stampInput } from './helpers';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
const corpus = readdirSync(CORPUS).filter((f) => f.endsWith('.pdf'));
const FIXTURE_NAMES = ['000-minnesanteckningar.pdf', '003-protokoll-draft.pdf', '003-protokoll-signed.pdf'];

/** No re-reading of scanned pages: the stamp's fresh extraction reads only the text layer, and so do these. */
const noOcr: Ocr = { read: async () => [], close: async () => undefined };

/** Everyone the minutes name as signing, plus one name printed nowhere. */
function namesIn(minutes: Awaited<ReturnType<typeof parsePdf>>['minutes']): string[] {
  return [minutes.chair, ...minutes.adjusters, minutes.secretary, 'Eva Nilsson'].filter((n): n is string => !!n);
}

const boxesOf = (doc: ExtractedDocument) =>
  doc.pages.map((p) => ({
    body: p.lines.filter((l) => !l.furniture).map((l) => [l.x, l.y, l.width, l.size]),
    furniture: p.lines.filter((l) => l.furniture).map((l) => [l.x, l.y, l.width, l.size]),
    numbered: printsPageNumber(p),
  }));

describe('positions kept at parse time', () => {
  it.each([...FIXTURE_NAMES.map((f) => new URL(f, FIXTURES)), ...corpus.map((f) => new URL(f, CORPUS))].map((u) => [u.pathname.split('/').pop()!, u]))(
    '%s: the stored JSON gives the anchors and line boxes of a fresh extraction',
    async (_name, url) => {
      const bytes = new Uint8Array(await readFile(url));
      let parsed: Awaited<ReturnType<typeof parsePdf>>;
      try {
        parsed = await parsePdf(bytes, undefined, noOcr);
      } catch (error) {
        expect(error).toBeInstanceOf(PdfReadError); // refused at intake: never stamped, nothing kept
        return;
      }
      const stored = readPositions(encodePositions(positionsOf(parsed.document)));
      expect(stored).not.toBeNull();
      const fresh = await extractDocument(bytes);
      const names = namesIn(parsed.minutes);
      expect(anchorsIn(stored!.block, names)).toEqual(findSignatureAnchors(fresh, names));
      expect(stored!.pages).toEqual(boxesOf(fresh));
    },
  );

  it('finds the printed names of the 003 draft from the stored block', async () => {
    const { document } = await parsePdf(await fixture('003-protokoll-draft.pdf'), undefined, noOcr);
    const stored = readPositions(encodePositions(positionsOf(document)))!;
    const anchors = anchorsIn(stored.block, ['Helena Proos', 'Patrik Stenvard']);
    expect(anchors.get('Helena Proos')).toMatchObject({ page: 3, y: expect.closeTo(38.8, 1) });
    expect(anchors.get('Patrik Stenvard')).toMatchObject({ page: 4, y: expect.closeTo(803.3, 1) });
  });

  it('are stored beside the draft', () => {
    expect(positionsKeyOf('originals/p-1.pdf')).toBe('originals/p-1.positions.json');
  });

  it('read back as null when they are not JSON this version wrote', () => {
    expect(readPositions(new TextEncoder().encode('{"version":2,"pages":[],"block":{"headed":false,"lines":[]}}'))).toBeNull();
    expect(readPositions(new TextEncoder().encode('not json'))).toBeNull();
    expect(readPositions(new TextEncoder().encode('{"version":1,"pages":[{"body":[[1,2,"3",4]],"furniture":[]}],"block":{"headed":false,"lines":[]}}'))).toBeNull();
  });
});

describe('stampProtocol without positions (a draft parsed before they were kept)', () => {
  const signers: StampSigner[] = [
    { name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:55:00Z' },
    { name: 'Patrik Stenvard', role: 'justerare', signedAt: '2025-02-19T17:56:00Z' },
  ];

  it('covers nothing printed: the stamps on a page of their own, the footers at the page edge', async () => {
    const draft = await fixture('003-protokoll-draft.pdf');
    const before = await extractDocument(draft);
    const out = await extractDocument(await stampProtocol({ ...stampInput(draft, before, signers, 'x-old'), positions: null }));
    const lines = out.pages.flatMap((p) => p.lines);
    expect(out.pages.length).toBeGreaterThan(before.pages.length + 1); // the signature page, then the audit page(s)
    for (const s of signers) expect(lines.find((l) => l.text === stampText(s))?.page).toBe(before.pages.length + 1);
    for (const page of before.pages) {
      const footer = out.pages[page.number - 1]!.lines.find((l) => l.text.startsWith('Protokoll x-old · Sida'));
      expect(footer, `footer on page ${page.number}`).toBeDefined();
      expect(footer!.y).toBeLessThan(8);
      for (const line of page.lines) expect(overlaps(box(footer!), box(line)), line.text).toBe(false);
    }
  });
});
