// The audit trail appended to the minutes ("Granskningslogg / Audit trail"):
// what was signed (title, body, date, id, SHA-256 of the draft), who did what
// and when, by which method, and which seal closes the file. Swedish first with
// the English label after a slash, for registrars abroad and for auditors.
// The page is public: it names people and roles, never an e-mail address, IP
// address, user agent or comment. Those stay in the private audit trail; the
// evidence hash of each act ties the two together.
import { rgb, type PDFDocument, type PDFFont } from 'pdf-lib';
import { drawText, PageSpace, textRect, wrapText } from './layout';
import { formatZoned } from '../domain/stockholm';
import type { AuditSection, SealDescription } from './types';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export interface AuditContent {
  protocolId: string;
  title: string;
  bodyName: string;
  meetingDate: string | null;
  audit: AuditSection;
  seal: SealDescription;
  timeZone: string;
  /** What inert.ts took out of the draft (scripts, launch actions), or null. */
  removed?: string | null;
  /** The draft's length: the record's first bytes, kept unchanged; null when the record had to be written whole. */
  draftBytes: number | null;
  /** "PDF/A-2b" when the draft was PDF/A (and so is the record), else null. */
  pdfa?: string | null;
}

const MARGIN = 50;
const BOTTOM = 44; // keeps the footer band free
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.75, 0.75, 0.75);

// Every kind in PROTOCOL_EVENT_TYPES and SIGNER_EVENT_TYPES (shared/domain/records.ts) has a label: a test checks it.
const EVENT_LABELS: Record<string, [string, string]> = {
  invited: ['Inbjuden', 'Invited'],
  viewed: ['Öppnad', 'Viewed'],
  signed: ['Justerad', 'Signed'],
  reminded: ['Påminnelse', 'Reminder'],
  'changes-requested': ['Ändring begärd', 'Changes requested'],
  'bankid-started': ['BankID startat', 'BankID started'],
  'bankid-refused': ['BankID-underskrift underkänd', 'BankID signature refused'],
  expired: ['Tiden för justering gick ut', 'Adjustment period expired'],
  superseded: ['Ersatt av ny version', 'Superseded'],
  uploaded: ['Uppladdad', 'Uploaded'],
  received: ['Mottagen', 'Received'],
  parsed: ['Tolkad', 'Parsed'],
  stopped: ['Stoppad vid inläsning', 'Stopped when read'],
  'routing-failed': ['Kunde inte skickas för justering', 'Could not be sent for adjustment'],
  'awaiting-confirmation': ['Väntar på sekreterarens bekräftelse', "Awaiting the secretary's confirmation"],
  routed: ['Skickad för justering', 'Sent for adjustment'],
  corrected: ['Rättat av sekreteraren', 'Corrected by the secretary'],
  'corrected-by-operator': ['Rättat av driftansvarig', 'Corrected by an operator'],
  'link-resent': ['Länk skickad på nytt', 'Link sent again'],
  'withdrawn-by-secretary': ['Återkallat av sekreteraren', 'Withdrawn by the secretary'],
  withdrawn: ['Länken återkallad', 'Link withdrawn'],
  reinstated: ['Länken gäller igen', 'Link valid again'],
  adjusted: ['Justerat', 'Adjusted'],
  sealed: ['Förseglad', 'Sealed'],
  published: ['Publicerad', 'Published'],
  'dead-letter': ['Stoppad av ett tekniskt fel', 'Stopped by a technical fault'],
  redriven: ['Återupptagen efter tekniskt fel', 'Resumed after a technical fault'],
};

export function eventLabel(type: string): string {
  const label = EVENT_LABELS[type.trim().toLowerCase().replace(/[_\s]+/g, '-')];
  return label ? `${label[0]} / ${label[1]}` : type;
}

/** Text from uploads and browsers can carry control characters that no font draws. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

interface Column {
  label: string;
  width: number;
  mono?: boolean;
}

/** Writes top to bottom, starting a new page (with a "continued" heading) when the next block does not fit. */
class AuditWriter {
  readonly spaces: PageSpace[] = [];
  private space!: PageSpace;
  private y = 0;
  private readonly width: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly pageSize: [number, number],
    private readonly fonts: Fonts,
  ) {
    this.width = pageSize[0] - 2 * MARGIN;
    this.newPage();
  }

  private newPage(): void {
    const page = this.doc.addPage(this.pageSize);
    this.space = PageSpace.of(page, []);
    this.spaces.push(this.space);
    this.y = this.pageSize[1] - MARGIN;
    if (this.spaces.length === 1) {
      this.line('Granskningslogg / Audit trail', { font: this.fonts.bold, size: 16 });
      this.y -= 4;
      this.paragraph(
        'Detta blad hör till det justerade protokollet och omfattas av dess digitala försegling. ' +
          '/ This page is part of the adjusted minutes and is covered by their digital seal.',
        { size: 8.5, color: MUTED },
      );
    } else {
      this.line('Granskningslogg (forts.) / Audit trail (continued)', { font: this.fonts.bold, size: 11 });
    }
    this.y -= 6;
  }

  /** Makes room for `height` points, on a new page if needed. */
  private ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  private draw(text: string, x: number, baseline: number, font: PDFFont, size: number, color = INK): void {
    if (!text) return;
    drawText(this.space.page, text, { x, y: baseline, font, size, color });
    this.space.occupy(textRect(x, baseline, font.widthOfTextAtSize(text, size), size));
  }

  line(text: string, o: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; x?: number } = {}): void {
    const size = o.size ?? 9;
    this.ensure(size * 1.35);
    this.y -= size * 1.05;
    this.draw(printable(text), MARGIN + (o.x ?? 0), this.y, o.font ?? this.fonts.regular, size, o.color);
    this.y -= size * 0.35;
  }

  paragraph(text: string, o: { size?: number; color?: ReturnType<typeof rgb>; font?: PDFFont } = {}): void {
    const size = o.size ?? 9;
    const font = o.font ?? this.fonts.regular;
    for (const part of wrapText(printable(text), font, size, this.width)) this.line(part, { ...o, font, size });
  }

  section(title: string): void {
    this.ensure(60); // never leave a heading alone at the bottom of a page
    this.y -= 7;
    this.line(title, { font: this.fonts.bold, size: 11 });
    this.space.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + this.width, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 4;
  }

  /**
   * A bold lead and a muted tail on one line ("Helena Proos – ordförande   helena@example.se").
   * A lead wider than the page wraps, and when it leaves no room beside it the tail goes below.
   */
  pair(lead: string, tail: string): void {
    const leads = wrapText(printable(lead), this.fonts.bold, 9.5, this.width);
    const x = MARGIN + this.fonts.bold.widthOfTextAtSize(leads.at(-1) ?? '', 9.5) + 10;
    const below = MARGIN + this.width - x < 100;
    const tails = wrapText(printable(tail), this.fonts.regular, 8, below ? this.width : MARGIN + this.width - x);
    const tailHeight = (below ? tails.filter(Boolean).length : tails.length - 1) * 9.5;
    this.ensure(13 + (leads.length - 1) * 11.5 + tailHeight);
    this.y -= 10;
    leads.forEach((part, i) => {
      if (i) this.y -= 11.5;
      this.draw(part, MARGIN, this.y, this.fonts.bold, 9.5);
    });
    const tailX = below ? MARGIN : x;
    const tailTop = below ? this.y - 9.5 : this.y;
    tails.filter(Boolean).forEach((part, i) => this.draw(part, tailX, tailTop - i * 9.5, this.fonts.regular, 8, MUTED));
    this.y -= tailHeight + 3.5;
  }

  /** "Label / Label   value", the value wrapped in its column. */
  field(label: string, value: string, mono = false): void {
    const labelWidth = 165;
    const size = mono ? 8 : 9;
    const font = mono ? this.fonts.mono : this.fonts.regular;
    const labels = wrapText(label, this.fonts.regular, 7.5, labelWidth - 8);
    const values = wrapText(printable(value) || '–', font, size, this.width - labelWidth);
    const rows = Math.max(labels.length, values.length);
    const leading = 10.5;
    this.ensure(rows * leading + 2);
    for (let i = 0; i < rows; i++) {
      const baseline = this.y - 9 - i * leading;
      this.draw(labels[i] ?? '', MARGIN, baseline, this.fonts.regular, 7.5, MUTED);
      this.draw(values[i] ?? '', MARGIN + labelWidth, baseline, font, size);
    }
    this.y -= rows * leading + 2;
  }

  /** A table whose cells wrap; the header repeats on each new page. */
  table(columns: Column[], rows: string[][], notes: (string | null)[] = []): void {
    const leading = 9.2;
    const header = () => {
      let x = MARGIN;
      const baseline = this.y - 8;
      for (const c of columns) {
        this.draw(c.label, x, baseline, this.fonts.bold, 7, MUTED);
        x += c.width;
      }
      this.y -= 11;
    };
    this.ensure(11 + leading * 2);
    header();
    rows.forEach((row, r) => {
      const cells = columns.map((c, i) =>
        wrapText(printable(row[i] ?? '') || '–', c.mono ? this.fonts.mono : this.fonts.regular, 7.5, c.width - 6),
      );
      const note = notes[r] ? wrapText(printable(notes[r]!), this.fonts.regular, 7.5, this.width - columns[0]!.width - 6) : [];
      const height = (Math.max(...cells.map((c) => c.length)) + note.length) * leading + 2;
      if (this.y - height < BOTTOM) {
        this.newPage();
        header();
      }
      let x = MARGIN;
      cells.forEach((lines, i) => {
        const font = columns[i]!.mono ? this.fonts.mono : this.fonts.regular;
        lines.forEach((text, k) => this.draw(text, x, this.y - 8 - k * leading, font, 7.5));
        x += columns[i]!.width;
      });
      const used = Math.max(...cells.map((c) => c.length));
      note.forEach((text, k) =>
        this.draw(text, MARGIN + columns[0]!.width, this.y - 8 - (used + k) * leading, this.fonts.regular, 7.5, MUTED),
      );
      this.y -= height;
    });
  }

  gap(points: number): void {
    this.y -= points;
  }
}

/** Appends the audit pages (as many as the log needs) and returns them for the footer. */
export function writeAuditPages(doc: PDFDocument, pageSize: [number, number], fonts: Fonts, c: AuditContent): PageSpace[] {
  const w = new AuditWriter(doc, pageSize, fonts);
  const when = (iso: string) => formatZoned(iso, c.timeZone, true);
  writeDocument(w, c);
  writeAdjustment(w, c, pageSize, when);
  writeDocumentEvents(w, c, pageSize, when);
  writeSeal(w, c.seal, when);
  return w.spaces;
}

type When = (iso: string) => string;

function writeDocument(w: AuditWriter, c: AuditContent): void {
  w.section('Dokument / Document');
  w.field('Titel / Title', c.title);
  w.field('Organ / Body', c.bodyName);
  w.field('Sammanträdesdatum / Meeting date', c.meetingDate ?? 'okänt / unknown');
  w.field('Protokoll-ID / Protocol id', c.protocolId, true);
  if (c.audit.draftFileName) w.field('Uppladdad fil / Uploaded file', c.audit.draftFileName);
  w.field('SHA-256 för utkastet / SHA-256 of the draft', c.audit.draftSha256, true);
  w.field(
    'Utkastet oförändrat / The draft unchanged',
    c.draftBytes !== null
      ? `Filens första ${c.draftBytes} byte / The file's first ${c.draftBytes} bytes`
      : 'Nej, filen skrevs om: utkastets korsreferenser var trasiga / No, the file was rewritten: the draft’s cross-references were broken',
  );
  w.field('Arkivformat / Archive format', c.pdfa ? `${c.pdfa} (som utkastet / as the draft)` : 'Inte PDF/A / Not PDF/A');
  if (c.removed) w.field('Borttaget före försegling / Removed before sealing', `Aktivt innehåll / Active content: ${c.removed}`);
}

/** Each signer's events with their evidence hashes; the private details stay in the audit trail. */
function writeAdjustment(w: AuditWriter, c: AuditContent, pageSize: [number, number], when: When): void {
  w.section('Justering / Adjustment');
  const columns: Column[] = [
    { label: 'Händelse / Event', width: 110 },
    { label: 'Tid / Time', width: 114 },
    { label: 'Bevis (SHA-256) / Evidence (SHA-256)', width: pageSize[0] - 2 * MARGIN - 224, mono: true },
  ];
  for (const signer of c.audit.signers) {
    w.gap(3);
    w.pair(`${signer.name} – ${signer.role}`, signer.method ? `Metod / Method: ${signer.method}` : '');
    if (signer.events.length === 0) {
      w.line('Inga händelser / No events', { size: 8, color: MUTED });
      continue;
    }
    const events = [...signer.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    w.table(
      columns,
      events.map((e) => [eventLabel(e.type), when(e.at), e.evidenceSha256 ?? '']),
    );
  }
  w.gap(2);
  w.paragraph(
    'E-postadresser, IP-adresser, webbläsare och kommentarer finns i den interna granskningsloggen; bevishashen knyter varje rad till den. ' +
      '/ E-mail and IP addresses, user agents and comments are kept in the private audit trail; the evidence hash ties each line to it.',
    { size: 7.5, color: MUTED },
  );
}

function writeDocumentEvents(w: AuditWriter, c: AuditContent, pageSize: [number, number], when: When): void {
  if (!c.audit.events?.length) return;
  w.section('Dokumenthändelser / Document events');
  const events = [...c.audit.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  w.table(
    [
      { label: 'Tid / Time', width: 110 },
      { label: 'Händelse / Event', width: 140 },
      { label: 'Detalj / Detail', width: pageSize[0] - 2 * MARGIN - 250 },
    ],
    events.map((e) => [when(e.at), eventLabel(e.type), e.detail ?? '']),
  );
}

function writeSeal(w: AuditWriter, s: AuditContent['seal'], when: When): void {
  w.section('Digital försegling / Digital seal');
  w.field('Certifikat / Certificate subject', s.subject);
  w.field('Utfärdare / Issuer', s.issuer);
  w.field('Serienummer / Serial number', s.serialNumber, true);
  w.field('SHA-256-fingeravtryck / SHA-256 fingerprint', s.sha256Fingerprint, true);
  w.field('Algoritm / Algorithm', s.algorithm);
  if (s.validFrom && s.validTo) w.field('Giltigt / Valid', `${when(s.validFrom)} – ${when(s.validTo)}`);
  w.field('Förseglingstid / Sealing time', when(s.sealedAt));
  w.field('Tidsstämpel (TSA) / Timestamp authority', s.tsa ?? 'Ingen / None');
  w.gap(4);
  const selfSigned = s.selfSigned
    ? 'Certifikatet är självsignerat: PDF-läsare visar förseglingen som giltig men utfärdaren som ej betrodd. '
    : '';
  const selfSignedEn = s.selfSigned ? 'The certificate is self-signed: PDF readers show the seal as valid but its issuer as untrusted. ' : '';
  w.paragraph(
    `Förseglingen omfattar hela filen; en ändrad byte gör den ogiltig. ${selfSigned}Kontrollera med PDF-läsarens signaturpanel eller \`justera verify --api <url>\`, ` +
      `och att fingeravtrycket ovan är ett av dem som tjänsten publicerar på /seal-certificates. ` +
      `/ The seal covers the whole file; any changed byte invalidates it. ${selfSignedEn}Check it in the PDF reader’s signature panel or with \`justera verify --api <url>\`, ` +
      `and that the fingerprint above is one the service publishes at /seal-certificates.`,
    { size: 7.5, color: MUTED },
  );
}
