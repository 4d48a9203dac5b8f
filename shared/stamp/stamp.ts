// Turns the adjusted draft into the signed record (before the seal): a visible
// stamp per signer next to the printed name, a footer with the protocol id on
// every page, and the audit trail appended. The draft's bytes are kept whole:
// everything added or changed goes into an incremental update after them
// (incremental.ts), so the record begins with exactly the file the signers
// approved. Scripts and launch actions are taken out first (inert.ts), by
// replacing the objects that held them in that update.
import { degrees, ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, rgb, type PDFFont } from 'pdf-lib';
import { printable, writeAuditPages, type Fonts } from './audit-page';
import { stampFace } from './fonts';
import { appendRevision, Continuation, Snapshot } from './incremental';
import { findPdfA, pdfaLabel, updateXmp } from './pdfa';
import { describeRemoved, isInert, removeActiveContent } from './inert';
import { drawText, PageSpace, textRect, type Rect } from './layout';
import { boxRect } from './positions';
import { ZONE, formatZoned } from '../domain/stockholm';
import { INFO_DRAFT_BYTES, INFO_DRAFT_SHA256, INFO_PROTOCOL_ID, type Anchor, type StampInput, type StampSigner } from './types';

const STAMP_INK = rgb(0.05, 0.23, 0.53);
const PRODUCER = 'Justera (pdf-lib)';
const FOOTER_INK = rgb(0.35, 0.35, 0.35);

/** "Justerat digitalt av Helena Proos, ordförande, 2025-02-19 18:56 CET"; "Justerat med BankID av …" for a BankID signature. */
export function stampText(signer: Pick<StampSigner, 'name' | 'role' | 'signedAt'> & { method?: string }, timeZone = ZONE): string {
  const role = printable(signer.role);
  return `Justerat ${signer.method === 'BankID' ? 'med BankID' : 'digitalt'} av ${printable(signer.name)}${role ? `, ${role}` : ''}, ${formatZoned(signer.signedAt, timeZone)}`;
}

/** The stamped record, and what lets its seal continue from the document in memory (null when written whole). */
export interface Stamped {
  bytes: Uint8Array;
  continuation: Continuation | null;
}

/** The stamped record's bytes (draft, then one incremental update). */
export async function stampProtocol(input: StampInput): Promise<Uint8Array> {
  return (await stampForSeal(input)).bytes;
}

/**
 * The stamped record with its continuation: `sealPdf` given both adds the seal to the document the stamp
 * built, instead of parsing the bytes again (for a long protocol that cost as much as stamping it).
 */
export async function stampForSeal(input: StampInput): Promise<Stamped> {
  const timeZone = input.timeZone ?? ZONE;
  // Fastest: parse without yielding to the event loop every 100 objects (nothing else runs meanwhile in the function).
  const doc = await PDFDocument.load(input.draft, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  // Null for a draft whose cross-reference section is not where it says (readers repair such files, and so
  // does pdf-lib): nothing can be chained to it, so that record is written whole and says so.
  const snapshot = Snapshot.tryOf(doc, input.draft);
  const pages = doc.getPages();
  const known = input.positions?.pages;
  if (known && pages.length !== known.length) throw new Error(`The stored positions have ${known.length} pages, the draft ${pages.length}: not the same file.`);

  const pdfa = findPdfA(doc); // read before anything changes
  const removed = removeActiveContent(doc);
  // One face for everything we write: each embedded face costs a font program in the record.
  const face = stampFace(doc);
  const fonts: Fonts = { regular: face, bold: face, mono: face };

  // Everything already printed, per page, so nothing we add covers it.
  const spaces = pages.map((page, i) => PageSpace.of(page, known ? [...known[i]!.body, ...known[i]!.furniture].map(boxRect) : null));

  stampSigners(doc, input, spaces, fonts, timeZone);

  const last = spaces[spaces.length - 1]!;
  const auditSize: [number, number] = [last.visualWidth, last.visualHeight];
  spaces.push(
    ...writeAuditPages(doc, auditSize, fonts, {
      protocolId: input.protocolId,
      title: input.title,
      bodyName: input.bodyName,
      meetingDate: input.meetingDate,
      audit: input.audit,
      seal: input.seal,
      timeZone,
      removed: isInert(removed) ? null : describeRemoved(removed),
      draftBytes: snapshot ? input.draft.length : null,
      pdfa: pdfa && pdfaLabel(pdfa),
    }),
  );

  const noun = /^minnesanteckningar/i.test(input.title) ? 'Minnesanteckningar' : 'Protokoll';
  spaces.forEach((space, i) => {
    const numbered = input.positions?.pages[i]?.numbered ? '' : ` · Sida ${i + 1} av ${spaces.length}`;
    drawFooter(space, `${noun} ${printable(input.protocolId)}${numbered}`, fonts.regular);
  });

  const modified = new Date();
  setInfo(doc, input, modified, snapshot !== null);
  if (pdfa) updateXmp(doc, { title: printable(input.title), producer: PRODUCER, modified });
  await face.embed(); // written only now: its widths and ToUnicode map name the glyphs drawn
  if (!snapshot) return { bytes: await doc.save({ useObjectStreams: false }), continuation: null };
  const { bytes, next } = appendRevision(doc, snapshot);
  return { bytes, continuation: new Continuation(bytes, doc, next) };
}

/** A stamp next to each signer's printed name; those with no name or no room together in a block on the last page. */
function stampSigners(doc: PDFDocument, input: StampInput, spaces: PageSpace[], fonts: Fonts, timeZone: string): void {
  const unplaced: StampSigner[] = [];
  for (const signer of input.signers) {
    const space = signer.anchor ? spaces[signer.anchor.page - 1] : undefined;
    const text = stampText(signer, timeZone);
    if (!space || !signer.anchor || !stampNextToName(space, signer.anchor, text, fonts.regular)) unplaced.push(signer);
  }
  if (!unplaced.length) return;
  const lastIndex = spaces.length - 1;
  const block = signatureBlock(
    doc,
    spaces[lastIndex]!,
    (input.positions?.pages[lastIndex]?.body ?? []).map(boxRect),
    unplaced.map((s) => stampText(s, timeZone)),
    fonts,
  );
  if (block) spaces.push(block);
}

/**
 * Draws the stamp to the right of the name, else just below it; a smaller size
 * before giving up. The stamp's baseline is lifted a little off the name's so
 * that text extraction reads it as a line of its own, never glued to the name
 * (a parser reading the signed file still finds "Helena Proos" alone).
 * Returns false when there is no room: the signer then goes to the block.
 */
function stampNextToName(space: PageSpace, anchor: Anchor, text: string, font: PDFFont): boolean {
  if (space.rotation !== 0) return false; // extracted positions on rotated pages do not map to upright text
  for (const size of [7.5, 6.5]) {
    const width = font.widthOfTextAtSize(text, size);
    const right = {
      x: anchor.x + anchor.width + 8,
      baseline: anchor.y + 0.4 * Math.min(size, anchor.size) + 1.2,
    };
    const below = { x: anchor.x, baseline: anchor.y - 0.25 * anchor.size - 0.93 * size - 2 };
    for (const at of [right, below]) {
      const rect = textRect(at.x, at.baseline, width, size);
      if (!space.isFree(rect, 1.5, 10)) continue;
      drawStamp(space, text, at.x, at.baseline, size, width, font);
      return true;
    }
  }
  return false;
}

/** The stamp: text in seal blue with a thin bar on its left, so it reads as added, not as part of the minutes. */
function drawStamp(space: PageSpace, text: string, x: number, baseline: number, size: number, width: number, font: PDFFont): void {
  drawText(space.page, text, { x, y: baseline, size, font, color: STAMP_INK });
  space.page.drawLine({
    start: { x: x - 3.5, y: baseline - 0.3 * size },
    end: { x: x - 3.5, y: baseline + 0.9 * size },
    thickness: 0.8,
    color: STAMP_INK,
  });
  space.occupy(textRect(x - 4, baseline, width + 4, size));
}

/**
 * For signers whose name is not printed (or has no room beside it): a
 * "Justering" heading and one stamp per signer after the last text of the last
 * page, or at the top of a new page when it does not fit. Returns the new page.
 */
function signatureBlock(doc: PDFDocument, last: PageSpace, body: Rect[], texts: string[], fonts: Fonts): PageSpace | null {
  const size = 8;
  const leading = 13;
  const heading = 'Justering';
  const layout = (space: PageSpace, left: number, top: number) => {
    const items: { stamp: boolean; text: string; x: number; baseline: number; font: PDFFont; size: number }[] = [];
    let baseline = top - 0.93 * 11;
    items.push({ stamp: false, text: heading, x: left, baseline, font: fonts.bold, size: 11 });
    baseline -= 6;
    for (const text of texts) {
      baseline -= leading;
      items.push({ stamp: true, text, x: left + 4, baseline, font: fonts.regular, size });
    }
    const rects = items.map((it) => textRect(it.x - 4, it.baseline, it.font.widthOfTextAtSize(it.text, it.size) + 4, it.size));
    // Keep clear of the footer band at the bottom.
    const fits = rects.every((r) => space.isFree(r, 2, 10) && r.y0 >= space.box.y0 + 42);
    return { items, fits };
  };
  const draw = (space: PageSpace, items: ReturnType<typeof layout>['items']) => {
    for (const it of items) {
      if (!it.stamp) {
        drawText(space.page, it.text, { x: it.x, y: it.baseline, size: it.size, font: it.font, color: rgb(0.1, 0.1, 0.1) });
        space.occupy(textRect(it.x, it.baseline, it.font.widthOfTextAtSize(it.text, it.size), it.size));
      } else drawStamp(space, it.text, it.x, it.baseline, it.size, it.font.widthOfTextAtSize(it.text, it.size), it.font);
    }
  };

  if (last.rotation === 0) {
    const left = body.length ? Math.min(...body.map((r) => r.x0)) : last.box.x0 + 56;
    const top = body.length ? Math.min(...body.map((r) => r.y0)) - 16 : last.box.y1 - 72;
    const here = layout(last, left, top);
    if (here.fits) {
      draw(last, here.items);
      return null;
    }
  }
  const page = doc.addPage([last.visualWidth, last.visualHeight]);
  const space = PageSpace.of(page, []);
  draw(space, layout(space, space.box.x0 + 56, space.box.y1 - 56).items);
  return space;
}

/**
 * The footer goes where nothing is printed: bottom centre, bottom right or
 * left, then the top margin, at 8, 7 or 6 pt. Only when every spot is taken
 * does it go to the very bottom edge in 6 pt, because every page must carry it.
 */
function drawFooter(space: PageSpace, text: string, font: PDFFont): void {
  const W = space.visualWidth;
  const H = space.visualHeight;
  const spots: { size: number; v: number; align: 'center' | 'right' | 'left' }[] = [];
  for (const size of [8, 7, 6]) {
    for (const v of [18, 11]) for (const align of ['center', 'right', 'left'] as const) spots.push({ size, v, align });
    for (const align of ['center', 'right', 'left'] as const) spots.push({ size, v: H - 10 - 0.93 * size, align });
  }
  // Measured once per size, and only for the spots tried until one is free, not for all 27 on
  // every page: a 200-page record tries thousands of spots.
  const widths = new Map<number, number>();
  const widthAt = (size: number) => widths.get(size) ?? widths.set(size, font.widthOfTextAtSize(text, size)).get(size)!;
  const place = ({ size, v, align }: (typeof spots)[number]) => {
    const width = widthAt(size);
    const u = align === 'center' ? (W - width) / 2 : align === 'right' ? W - 36 - width : 36;
    return { size, u, v, rect: space.rectToUser(textRect(u, v, width, size)) };
  };
  let chosen: ReturnType<typeof place> | undefined;
  for (const spot of spots) {
    const candidate = place(spot);
    if (space.isFree(candidate.rect, 1.5, 4)) {
      chosen = candidate;
      break;
    }
  }
  chosen ??= place({ size: 6, v: 5, align: 'center' });
  const at = space.toUser(chosen.u, chosen.v);
  drawText(space.page, text, {
    x: at.x,
    y: at.y,
    size: chosen.size,
    font,
    color: FOOTER_INK,
    rotate: degrees(space.rotation),
  });
  space.occupy(chosen.rect);
}

/**
 * The protocol id in the Info dictionary lets `verify` tie a file to its record
 * without reading the pages; the draft's length and hash let it show that the
 * record begins with the approved draft (the seal covers both).
 */
function setInfo(doc: PDFDocument, input: StampInput, modified: Date, draftKept: boolean): void {
  doc.setTitle(printable(input.title));
  doc.setProducer(PRODUCER);
  doc.setModificationDate(modified);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(INFO_PROTOCOL_ID), PDFHexString.fromText(input.protocolId));
  info.set(PDFName.of(INFO_DRAFT_SHA256), PDFHexString.fromText(input.audit.draftSha256));
  if (draftKept) info.set(PDFName.of(INFO_DRAFT_BYTES), PDFNumber.of(input.draft.length));
}
