// What the signer reads in the BankID app before entering the code, and what
// the signature binds: a short Swedish text (simpleMarkdownV1) naming the
// body, the meeting and the paragraphs, and the draft's SHA-256; the same
// digest goes in userNonVisibleData so a verifier can compare bytes, not text.
// Everything here comes from a parsed PDF, so it is flattened to one line and
// stripped of the characters simpleMarkdownV1 gives meaning to.

export interface SignedDocument {
  body: string;
  /** YYYY-MM-DD. */
  meetingDate: string;
  /** First and last paragraph numbers, when the minutes have any. */
  paragraphs?: { first: string; last: string };
  /** SHA-256 of the draft PDF. */
  sha256: Uint8Array;
}

/** simpleMarkdownV1 marks headings with # and emphasis with * and +; none may come from a PDF. */
function plain(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/[#*+_`\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

export function visibleText(doc: SignedDocument): string {
  if (doc.sha256.length !== 32) throw new Error('The document digest must be a SHA-256 (32 bytes).');
  const lines = ['# Justering av protokoll', '', `Organ: ${plain(doc.body)}`, `Sammanträde: ${plain(doc.meetingDate)}`];
  if (doc.paragraphs) {
    const { first, last } = { first: plain(doc.paragraphs.first), last: plain(doc.paragraphs.last) };
    lines.push(first === last ? `Paragraf: § ${first}` : `Paragrafer: §§ ${first}–${last}`);
  }
  lines.push('', `Dokumentets SHA-256: ${Buffer.from(doc.sha256).toString('hex')}`);
  return lines.join('\n');
}
