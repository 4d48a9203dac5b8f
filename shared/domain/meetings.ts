// One meeting, one record. Every upload of a meeting's minutes is a version;
// the meeting's own record names the version that currently holds it (the
// newest upload) and, once signed, the one that was adjusted. The rules that
// keep "at most one adjusted version per meeting, and the newest upload wins
// until one is adjusted" true under any interleaving are in
// shared/flow/revisions.ts and docs/architecture.md ("One meeting, one record").
import type { ProtocolRecord } from './records';

export interface MeetingRecord {
  /** `<body>#<date>`, or `<body>#key:<upload key>` for minutes that name no date. */
  key: string;
  /** The version that holds the meeting: the newest upload so far. */
  current: string | null;
  /** Upload order of `current` (see uploadOrderOf). */
  order: string | null;
  /** The version that was adjusted; set once, never changed. */
  adjusted: string | null;
  /** Every version that ever held the meeting. */
  members: string[];
}

/**
 * The meeting a protocol belongs to: its body and meeting date. Minutes that
 * name no date cannot be matched to any meeting, so each uploaded file is its
 * own meeting (uploading the same file name again still replaces it).
 */
export function meetingKeyOf(p: Pick<ProtocolRecord, 'body' | 'date' | 'source'>): string {
  return p.date ? `${p.body}#${p.date}` : `${p.body}#key:${p.source.key}`;
}

/** S3 sequencers are hexadecimal strings of varying length; padded, they compare as strings. */
const SEQUENCER_WIDTH = 32;

/**
 * A total order of uploads, as one string that compares the same way in code
 * and in a DynamoDB condition: the event time to the millisecond, then the S3
 * sequencer (which orders two writes of one key in the same millisecond), then
 * the protocol id so that no two uploads ever tie. The event time comes
 * first because sequencers are only comparable between writes of one key.
 */
export function uploadOrderOf(p: Pick<ProtocolRecord, 'receivedAt' | 'source' | 'id'>): string {
  const sequencer = (p.source.sequencer ?? '').toUpperCase().padStart(SEQUENCER_WIDTH, '0');
  return `${new Date(p.receivedAt).toISOString()}#${sequencer}#${p.id}`;
}
