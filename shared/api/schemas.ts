// The API's schemas: they validate requests and body directories, and the
// OpenAPI document is generated from them, so the two cannot drift apart.
//
// Each is built on first use (z.lazy), not at import: zod builds a schema by
// cloning it at every .regex/.min/.meta step, and building them all took some
// 15 ms of every cold start of a function that parses one query or none.
import * as z from 'zod';
import 'zod-openapi';
import { Personnummer } from '../bankid/personnummer';
import { PROTOCOL_STATUSES } from '../domain/records';

const isoDate = z.lazy(() =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a valid date'));
// A path or query parameter takes its description from its own schema's meta, so
// the meta of these goes on the lazy schema itself (a cheap clone), not inside.
export const slug = z
  .lazy(() => z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'a body slug is 1–64 lower-case letters, digits and hyphens'))
  .meta({ description: 'Body slug: the folder under drafts/', example: 'samverkansnamnd-mellansverige' });
export const protocolId = z
  .lazy(() => z.string().regex(/^[0-9a-z]{20}$/, 'not a protocol id'))
  .meta({ description: 'Protocol id', example: '4k9x2m7q1c8v3b6n5h0j' });
const limit = z.lazy(() => z.coerce.number().int().min(1).max(200).default(50)).meta({ description: 'Page size (1–200)' });
const cursor = z.lazy(() => z.string().max(2000).optional()).meta({ description: 'The `next` value of the previous page' });

/** A range that ends before it starts is the client's mistake (400), not an empty page or a failed query. */
const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const orderedProblem = { message: 'from must not be after to', path: ['from'] };

export const protocolsQuery = z.lazy(() =>
  z
    .object({
      body: slug.optional(),
      from: isoDate.optional().meta({ description: 'Meeting date from (inclusive)' }),
      to: isoDate.optional().meta({ description: 'Meeting date to (inclusive)' }),
      status: z.enum(PROTOCOL_STATUSES).optional(),
      limit,
      cursor,
    })
    .strict()
    .refine(ordered, orderedProblem));

export const decisionsQuery = z.lazy(() =>
  z
    .object({
      body: slug.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      q: z.string().max(200).optional().meta({ description: 'Words that must all occur (each matches the start of a word; case and diacritics ignored)' }),
      status: z.enum(['draft', 'adjusted']).optional(),
      limit,
      cursor,
    })
    .strict()
    .refine(ordered, orderedProblem));

/**
 * Text of a body directory: names end up in mail headers, pages and the PDF.
 * Control characters (CR/LF above all) are refused before trimming, so a
 * trailing line break is an error too, not silently cut.
 */
const directoryText = (min: number, max: number) =>
  z
    .string()
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/, 'must not contain control characters or line breaks')
    .trim()
    .min(min)
    .max(max);

// The number is checked (date, check digit) but never echoed in a message: it may be someone's real one.
const personnummer = z.lazy(() =>
  z
    .string()
    .refine((v) => Personnummer.parse(v).ok, 'not a valid personnummer (12 digits YYYYMMDDNNNN with a correct check digit)')
    .meta({
      description: 'Members of a bankid body: the 12-digit personnummer. Write-only: stored as a keyed hash, never returned',
      example: '198112189876',
      writeOnly: true,
    }));

export const member = z.lazy(() =>
  z
    .object({
      name: directoryText(2, 200),
      email: z.email(),
      role: directoryText(1, 100),
      personnummer: personnummer.optional(),
      personnummerHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional()
        .meta({ description: 'Answers only: the keyed hash (HMAC-SHA256) the personnummer is kept as; ignored on import', readOnly: true }),
    }));

export const bodyDirectory = z.lazy(() =>
  z
    .object({
      slug,
      name: directoryText(2, 300),
      organisation: directoryText(2, 300),
      secretary: z.object({ name: directoryText(2, 200), email: z.email() }),
      signingOrder: z.enum(['parallel', 'secretary-first', 'sequential']).default('parallel'),
      deadlineDays: z.number().int().min(1).max(90).default(14),
      reminderDays: z
        .array(z.number().int().min(1).max(90))
        .max(10)
        .default([3, 7, 12])
        .refine((days) => new Set(days).size === days.length, 'reminder days must differ'),
      members: z.array(member).min(1).max(500),
      signature: z
        .enum(['link', 'bankid'])
        .default('link')
        .meta({ description: 'How signers sign: the e-mailed link and a consent box, or BankID (each member then needs a personnummer)' }),
      confirmBeforeSending: z
        .boolean()
        .optional()
        .meta({ description: "Invitations go out only after the secretary confirmed the parse on the secretary's page" }),
      keptAt: directoryText(2, 300)
        .optional()
        .meta({ description: 'Förvaringsplats: where the adjusted protocols are kept, shown on the notice (e.g. "Kommunkansliet, Storgatan 1")' }),
    })
    .strict()
    .superRefine((d, ctx) => {
      if (d.signature !== 'bankid') return;
      d.members.forEach((m, i) => {
        if (!m.personnummer) ctx.addIssue({ code: 'custom', path: ['members', i, 'personnummer'], message: `required for ${m.name}: the body signs with BankID` });
    });
  })
  .meta({ id: 'BodyDirectory' }));

/** A person in a correction: a name in the body's directory, or a new person who is added to it. */
export const personInput = z.lazy(() =>
  z
    .union([z.string().trim().min(2).max(200), z.object({ name: z.string().trim().min(2).max(200), email: z.email() }).strict()])
    .meta({ id: 'Person', description: 'A name in the body directory, or { name, email } of a new person (added to the directory)' }));

export const correctionBody = z.lazy(() =>
  z
    .object({
      chair: personInput.optional(),
      adjusters: z.array(personInput).max(20).optional(),
      date: isoDate.optional().meta({ description: 'Meeting date' }),
      place: z.string().trim().min(1).max(200).optional(),
    })
    .strict()
    .refine((c) => Object.values(c).some((v) => v !== undefined), 'give at least one of chair, adjusters, date, place')
    .meta({ id: 'Correction' }));

const reason = z.lazy(() =>
  z.object({ code: z.string(), sv: z.string(), en: z.string() }).nullable());
const attendee = z.lazy(() =>
  z.object({ name: z.string(), party: z.string().nullable(), role: z.string().nullable(), organisation: z.string().nullable(), paragraphs: z.string().nullable() }));

function summaryObject() {
  return z
    .object({
      id: protocolId,
      body: z.string(),
      bodyName: z.string().nullable(),
      kind: z.enum(['protokoll', 'minnesanteckningar']).nullable(),
      date: z.string().nullable(),
      status: z.enum(PROTOCOL_STATUSES),
      reason,
      receivedAt: z.string(),
      statusSince: z.string(),
      items: z.number().int(),
      decisions: z.number().int(),
      url: z.string(),
    })
    .meta({ id: 'ProtocolSummary' });
}
/** Made once, on first use: protocolDetail extends this very one. */
let summary: ReturnType<typeof summaryObject> | undefined;

export const protocolSummary = z.lazy(() => (summary ??= summaryObject()));

export const decisionView = z.lazy(() =>
  z
    .object({
      protocolId,
      body: z.string(),
      bodyName: z.string().nullable(),
      date: z.string().nullable(),
      item: z.string().meta({ description: 'Paragraph number, e.g. "§ 8"' }),
      itemTitle: z.string(),
      text: z.string(),
      status: z.enum(['draft', 'adjusted']),
      url: z.string(),
    })
    .meta({ id: 'Decision' }));

export const protocolDetail = z.lazy(() =>
  (summary ??= summaryObject())
    .extend({
      time: z.string().nullable(),
      place: z.string().nullable(),
      chair: z.string().nullable(),
      adjusters: z.array(z.string()),
      secretary: z.string().nullable(),
      attendees: z.array(attendee),
      signatures: z.array(z.object({ name: z.string(), place: z.string().nullable(), date: z.string().nullable() })),
      warnings: z.array(z.string()),
      source: z.object({ key: z.string(), size: z.number() }),
      draftSha256: z.string().nullable(),
      pages: z.number().nullable(),
      supersedes: z.string().nullable(),
      supersededBy: z.string().nullable(),
      deadline: z.string().nullable(),
      adjustedAt: z.string().nullable(),
      signedSha256: z.string().nullable(),
      sealedAt: z.string().nullable(),
      publishedAt: z.string().nullable(),
      signers: z.array(z.object({ name: z.string(), role: z.string(), status: z.string(), signedAt: z.string().nullable() })),
      contents: z.array(
        z.object({
          number: z.string(),
          title: z.string(),
          text: z.string(),
          decisions: z.array(z.object({ text: z.string(), status: z.enum(['draft', 'adjusted']) })),
        }),
      ),
      notice: z.lazy(() => noticeView).nullable(),
      pdf: z.string().nullable().meta({ description: 'URL of the signed PDF once sealed' }),
      validation: z.string().nullable().meta({ description: 'URL of the validation result kept at seal time (a JWS signed with the seal key) once sealed' }),
    })
    .meta({ id: 'Protocol' }));

export const noticeView = z.lazy(() =>
  z
    .object({
      protocolId,
      body: z.string(),
      bodyName: z.string(),
      kind: z.enum(['protokoll', 'minnesanteckningar']).nullable().meta({ description: 'Kind of document' }),
      meetingDate: z.string().nullable(),
      paragraphs: z.string().nullable().meta({ description: 'The paragraphs the document holds, e.g. "§ 1–12"' }),
      adjustedOn: z.string(),
      postedOn: z.string(),
      appealEndsOn: z.string().meta({ description: 'Last day to appeal (laglighetsprövning)' }),
      takeDownOn: z.string(),
      keptAt: z.string().nullable().meta({ description: "Förvaringsplats: where the protocol is kept, from the body's directory" }),
      protocolUrl: z.string().meta({ description: "The protocol's public page (HTML to a browser, JSON to Accept: application/json)" }),
      pdfUrl: z.string(),
    })
    .meta({ id: 'Notice' }));

export const sealCertificates = z.lazy(() =>
  z
    .object({
      organisation: z.string().meta({ description: 'The organisation that seals (JUSTERA_SEAL_ORGANISATION)' }),
      certificates: z.array(
        z.object({
          sha256: z.string().meta({ description: 'SHA-256 fingerprint of the DER certificate (hex, lower case), as the audit page prints it' }),
          subject: z.string(),
          issuer: z.string(),
          notBefore: z.string(),
          notAfter: z.string(),
          pem: z.string(),
        }),
      ),
    })
    .meta({ id: 'SealCertificates' }));

export const errorBody = z.lazy(() =>
  z.object({ error: z.string() }).meta({ id: 'Error' }));

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable().meta({ description: 'Cursor of the next page, null on the last' }) });
}

/** Zod's first problem as one line for a 400. */
export function explain(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
