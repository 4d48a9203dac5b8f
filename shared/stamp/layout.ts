// Geometry for placing new text on existing pages without covering anything:
// rectangles in PDF user space, the space a page has left, and line wrapping.
import type { PDFFont, PDFPage, PDFPageDrawTextOptions } from 'pdf-lib';
import type { TextLine } from '../minutes/extract';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

// The font each page was last given, to give it only when it changes.
const pageFonts = new WeakMap<PDFPage, PDFFont>();

/**
 * `page.drawText`, naming the font in the page's resources once: pdf-lib's
 * drawText with a font adds a fresh resource name on every call, after a
 * linear search for a free one, so an audit page of a few hundred lines
 * listed the same font hundreds of times, quadratically. Everything the
 * stamp draws goes through here, so the page's current font is known.
 */
export function drawText(page: PDFPage, text: string, { font, ...options }: PDFPageDrawTextOptions & { font: PDFFont }): void {
  if (pageFonts.get(page) !== font) {
    page.setFont(font);
    pageFonts.set(page, font);
  }
  page.drawText(text, options);
}

export function intersects(a: Rect, b: Rect, pad = 0): boolean {
  return a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;
}

/** The ink of an extracted line, roughly: descenders below the baseline, capitals and accents above. */
export function lineRect(line: Pick<TextLine, 'x' | 'y' | 'width' | 'size'>): Rect {
  return { x0: line.x, y0: line.y - 0.25 * line.size, x1: line.x + line.width, y1: line.y + 0.85 * line.size };
}

/** The box of text we draw in DejaVu Sans (ascender with Å's ring 0.93 em, descender 0.24 em). */
export function textRect(x: number, baseline: number, width: number, size: number): Rect {
  return { x0: x, y0: baseline - 0.24 * size, x1: x + width, y1: baseline + 0.93 * size };
}

export type Rotation = 0 | 90 | 180 | 270;

/**
 * What is drawn or printed on one page, and the page's visible box. Text we add
 * must read upright on a rotated page (/Rotate), so positions are chosen in
 * "visual" coordinates (origin bottom-left of the page as displayed) and
 * mapped to user space for drawing.
 */
export class PageSpace {
  readonly occupied: Rect[];

  constructor(
    readonly page: PDFPage,
    readonly box: Rect,
    readonly rotation: Rotation,
    occupied: Rect[],
  ) {
    this.occupied = [...occupied];
  }

  /**
   * `printed`: the ink of what the page already carries; null when that is not
   * known (a draft parsed before its positions were kept), and then the whole
   * page counts as taken, so nothing we add can cover anything.
   */
  static of(page: PDFPage, printed: Rect[] | null): PageSpace {
    const crop = page.getCropBox();
    const media = page.getMediaBox();
    // The visible area is the crop box clipped to the media box.
    const box = {
      x0: Math.max(crop.x, media.x),
      y0: Math.max(crop.y, media.y),
      x1: Math.min(crop.x + crop.width, media.x + media.width),
      y1: Math.min(crop.y + crop.height, media.y + media.height),
    };
    const angle = ((page.getRotation().angle % 360) + 360) % 360;
    const rotation = ([0, 90, 180, 270].includes(angle) ? angle : 0) as Rotation;
    return new PageSpace(page, box, rotation, printed ?? [box]);
  }

  get visualWidth(): number {
    return this.rotation % 180 === 0 ? this.box.x1 - this.box.x0 : this.box.y1 - this.box.y0;
  }

  get visualHeight(): number {
    return this.rotation % 180 === 0 ? this.box.y1 - this.box.y0 : this.box.x1 - this.box.x0;
  }

  /** A visual point (u right, v up) in user space. /Rotate turns the page clockwise for display. */
  toUser(u: number, v: number): { x: number; y: number } {
    const { x0, y0, x1, y1 } = this.box;
    switch (this.rotation) {
      case 90:
        return { x: x1 - v, y: y0 + u };
      case 180:
        return { x: x1 - u, y: y1 - v };
      case 270:
        return { x: x0 + v, y: y1 - u };
      default:
        return { x: x0 + u, y: y0 + v };
    }
  }

  /** A visual rectangle in user space. */
  rectToUser(r: Rect): Rect {
    const a = this.toUser(r.x0, r.y0);
    const b = this.toUser(r.x1, r.y1);
    return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
  }

  /** True when the user-space rectangle lies inside the page, `margin` from its edges, touching nothing. */
  isFree(r: Rect, pad = 1.5, margin = 6): boolean {
    const { x0, y0, x1, y1 } = this.box;
    if (r.x0 < x0 + margin || r.y0 < y0 + margin || r.x1 > x1 - margin || r.y1 > y1 - margin) return false;
    return !this.occupied.some((o) => intersects(r, o, pad));
  }

  occupy(r: Rect): void {
    this.occupied.push(r);
  }
}

/**
 * Breaks text into lines no wider than `maxWidth`: at spaces, and inside words
 * that are too long on their own (hashes, user agents, e-mail addresses).
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      let rest = word;
      // A character wider than the column (or a column of no width) still takes a line of its own: always move on.
      while (rest.length > 1 && width(rest) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && width(rest.slice(0, cut)) > maxWidth) cut--;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}
