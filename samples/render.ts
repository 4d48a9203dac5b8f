// Renders the sample minutes (plain text with a little markup) to PDF, so the
// project ships no binaries: "@header" repeats on every page with a page
// number in the footer, "#" is the title, "##" a paragraph heading, a tab
// separates table columns, an empty line separates paragraphs.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderMinutes(source: string, createdAt = new Date('2026-11-13T08:00:00Z')): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  doc.setProducer('Justera samples');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const header = /^@header (.*)$/m.exec(source)?.[1] ?? '';
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN - 20;
  };
  newPage();
  const width = A4[0] - 2 * MARGIN;
  const draw = (text: string, font: PDFFont, size: number, gapBefore: number) => {
    const columns = text.split('\t');
    const lines = columns.length > 1 ? [text] : wrap(text, font, size, width);
    y -= gapBefore;
    for (const line of lines) {
      if (y < MARGIN + 30) newPage();
      if (columns.length > 1) columns.forEach((col, i) => page.drawText(col, { x: MARGIN + i * (width / 2), y, size, font }));
      else page.drawText(line, { x: MARGIN, y, size, font });
      y -= size * 1.35;
    }
  };
  let gap = 0;
  for (const raw of source.split('\n')) {
    if (raw.startsWith('@header')) continue;
    if (!raw.trim()) {
      gap = 8;
      continue;
    }
    if (raw.startsWith('## ')) draw(raw.slice(3), bold, 13, 14);
    else if (raw.startsWith('# ')) draw(raw.slice(2), bold, 16, 0);
    else draw(raw, regular, 11, gap);
    gap = 0;
  }
  pages.forEach((p, i) => {
    if (header) p.drawText(header, { x: MARGIN, y: A4[1] - 32, size: 9, font: regular, color: rgb(0.3, 0.3, 0.3) });
    p.drawText(`Sida ${i + 1} av ${pages.length}`, { x: A4[0] - MARGIN - 60, y: 28, size: 9, font: regular, color: rgb(0.3, 0.3, 0.3) });
  });
  return doc.save({ useObjectStreams: false });
}
