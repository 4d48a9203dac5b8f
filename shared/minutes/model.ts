// The parse contract: what `justera parse --json` prints and what the parse
// function stores. Keep the shape stable; add fields freely.

export type MinutesKind = 'protokoll' | 'minnesanteckningar';

export type AttendeeRole =
  | 'ordförande'
  | 'vice ordförande'
  | 'ledamot'
  | 'ersättare'
  | 'tjänstgörande ersättare'
  | 'sekreterare'
  | 'tjänsteperson';

export interface Attendee {
  name: string;
  /** Party abbreviation without parentheses, e.g. "S". */
  party: string | null;
  role: AttendeeRole | null;
  /** Region, municipality or organisation heading the person is listed under. */
  organisation: string | null;
  /** Paragraph range as written, normalised, e.g. "§ 1-7" or "§ 1-6, 8-13"; null when present for all. */
  paragraphs: string | null;
}

export interface Item {
  /** "§ 3" for protokoll, "3" for minnesanteckningar. */
  number: string;
  title: string;
  text: string;
  /** One entry per `att` clause, or the prose that follows the decision heading. */
  decisions: string[];
  /** The item says it was adjusted at once in the meeting ("omedelbart justerad"); absent otherwise. */
  adjustedImmediately?: boolean;
}

export interface ExistingSignature {
  name: string;
  place: string | null;
  /** ISO date (YYYY-MM-DD). */
  date: string | null;
  /** ISO date-time with offset when the stamp carries a time, else null. */
  time?: string | null;
}

/** The fields whose origin the parser records, for the secretary's page and the audit trail. */
export type EvidenceField = 'kind' | 'body' | 'date' | 'time' | 'place' | 'chair' | 'adjusters' | 'secretary';

/** Where a value was read: the page, the item it sits in (if any), the line as printed and the rule that took it. */
export interface Evidence {
  page: number | null;
  /** "§ 3" or "3" when the line belongs to an item; null in the header or the signature block. */
  item: string | null;
  line: string;
  /** A short name of the rule, e.g. "election", "role-list", "signature-block", "header-label". */
  rule: string;
}

export interface ParsedMinutes {
  kind: MinutesKind;
  body: string | null;
  /** Meeting date, ISO YYYY-MM-DD. */
  date: string | null;
  /** "09:00-12:00" or "09:00". */
  time: string | null;
  place: string | null;
  attendees: Attendee[];
  chair: string | null;
  adjusters: string[];
  secretary: string | null;
  items: Item[];
  signatures: ExistingSignature[];
  warnings: string[];
  /** Where each found value came from; a field absent here was not found. */
  evidence: Partial<Record<EvidenceField, Evidence>>;
}
