// Line-dense minutes: many short lines a page, a few numbered items, and long
// paragraphs without a blank line between their lines (the shape that made
// parse time grow with the square of the lines). Deterministic: the same page
// count gives the same bytes. Used by the bench and by the CPU-budget tests.
import { PDFDocument, StandardFonts } from 'pdf-lib';

const WORDS = (
  'kommunstyrelsen beslutar att uppdra åt förvaltningen att utreda frågan om ' +
  'budget för kultur och fritid samt att återkomma med förslag till nämnden ' +
  'ärendet har beretts av arbetsutskottet och yrkandet ställs mot avslag'
).split(' ');

const SIZE = 8;
const LEADING = 9.5;
const MARGIN = 50;

/** A PDF of `pages` A4 pages, each filled with lines; an item starts every `itemEvery` lines, its paragraph runs on until the next. */
export async function denseMinutes(pages: number, itemEvery = 80): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let n = 0;
  let item = 0;
  let word = 0;
  const header = [
    'PROTOKOLL',
    'Kommunstyrelsen i Benchby',
    'Sammanträdesdatum 2026-03-04',
    'Plats och tid: Kommunhuset, kl. 13.00–16.00',
    'Ordförande: Anna Berglund',
    'Justerare: Erik Åström',
    'Sekreterare: Sara Lindqvist',
  ];
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    let y = 842 - MARGIN;
    if (p === 0)
      for (const text of header) {
        page.drawText(text, { x: MARGIN, y, size: SIZE + 2, font: bold });
        y -= LEADING + 2;
      }
    for (; y > MARGIN; y -= LEADING, n++) {
      if (n % itemEvery === 0) {
        item++;
        page.drawText(`§ ${item} Ärende nummer ${item} om budget`, { x: MARGIN, y, size: SIZE + 1, font: bold });
        continue;
      }
      const line: string[] = [];
      for (let k = 0; k < 9; k++) line.push(WORDS[word++ % WORDS.length]!);
      page.drawText(line.join(' '), { x: MARGIN, y, size: SIZE, font });
    }
    page.drawText(`Sida ${p + 1}`, { x: 280, y: 25, size: SIZE, font });
  }
  return pdf.save({ useObjectStreams: false });
}
