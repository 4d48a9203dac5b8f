// The OpenAPI document, generated from the same zod schemas that validate the
// requests. docs/openapi.json is this document, checked by a test.
import { Evidence } from '../bankid/evidence';
import { CHANGE_TOPICS, WITHDRAW_CAUSES, type ChangeTopic, type WithdrawCause } from '../domain/reasons';
import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { bodyDirectory, correctionBody, decisionView, decisionsQuery, errorBody, noticeView, page, protocolDetail, protocolId, protocolSummary, protocolsQuery, sealCertificates, slug } from './schemas';

const jsonOf = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const htmlOf = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const err = (description: string) => jsonOf(errorBody, description);
/** JSON for programs, the page for a browser (text/html preferred over application/json in Accept). */
const jsonOrHtml = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema }, 'text/html': { schema: z.string() } } });
const atomOf = (description: string) => ({ description, content: { 'application/atom+xml': { schema: z.string() } } });
const langQuery = z.object({ lang: z.enum(['sv', 'en']).optional() });
const admin = { security: [{ admin: [] }], tags: ['admin'] };
const idPath = { path: z.object({ id: protocolId }) };
const tokenPath = { path: z.object({ token: z.string().meta({ description: 'The personal link token (43 characters)' }) }) };
const subscriptionToken = { path: z.object({ token: z.string().meta({ description: 'The token of the mailed link (43 characters)' }) }) };

type Operations = Record<string, Record<string, ZodOpenApiOperationObject>>;

// The paths are made when first asked for, not at import: they build over a
// hundred zod schemas, which no cold start of the api needs until /openapi.json.
const makeOperations = (): Operations => ({
  '/': { get: { summary: 'Landing page with links', tags: ['pages'], responses: { '200': htmlOf('HTML page') } } },
  '/health': { get: { summary: 'Liveness', responses: { '200': jsonOf(z.object({ status: z.literal('ok'), time: z.string() }), 'OK') } } },
  '/openapi.json': { get: { summary: 'This document', responses: { '200': jsonOf(z.object({}).passthrough(), 'OpenAPI 3.1') } } },
  '/protocols': {
    get: {
      summary: 'Protocols, newest meeting first (a browser gets the published ones as a page; `lang` applies to the page only)',
      requestParams: { query: protocolsQuery },
      responses: { '200': jsonOrHtml(page(protocolSummary), 'A page of protocols'), '400': err('Bad query') },
    },
  },
  '/protocols/{id}': {
    get: {
      summary: 'One protocol: meta, attendees, paragraphs with decisions, state and reason, signers (a browser gets the public page, `?lang=en` in English)',
      requestParams: idPath,
      responses: { '200': jsonOrHtml(protocolDetail, 'The protocol'), '404': err('Unknown id') },
    },
  },
  '/protocols/{id}/pdf': {
    get: {
      summary: 'The signed and sealed PDF (redirect to a short-lived URL)',
      requestParams: idPath,
      responses: {
        '302': { description: 'Redirect to the PDF', headers: z.object({ location: z.string() }) },
        '404': err('Unknown id'),
        '409': jsonOf(z.object({ error: z.string(), status: z.string() }), 'Not sealed yet'),
      },
    },
  },
  '/protocols/{id}/validation': {
    get: {
      summary: 'The validation result of the seal, made and kept at seal time: level (PAdES B-T, B-LTA), checks, certificate chain, revocation status; a flattened JWS (RFC 7515) signed with the seal key, its x5c the seal certificate chain',
      requestParams: idPath,
      responses: {
        '200': { description: 'The JWS as stored', content: { 'application/jose+json': { schema: z.object({ protected: z.string(), payload: z.string(), signature: z.string() }) } } },
        '404': err('Unknown id, or a record sealed before validation results were kept'),
        '409': jsonOf(z.object({ error: z.string(), status: z.string() }), 'Not sealed yet'),
      },
    },
  },
  '/protocols/{id}/audit': {
    get: {
      ...admin,
      summary: 'Audit trail of a protocol (admin)',
      requestParams: idPath,
      responses: { '200': jsonOf(z.object({ protocolId, events: z.array(z.object({}).passthrough()) }), 'Events in time order'), '401': err('No credentials'), '404': err('Unknown id') },
    },
  },
  '/decisions': {
    get: {
      summary: 'Decisions, newest meeting first, draft or adjusted (with status=adjusted and a word of two letters or more, read through the word-prefix index)',
      requestParams: { query: decisionsQuery },
      responses: {
        '200': { ...jsonOf(page(decisionView), 'A page of decisions'), headers: z.object({ 'x-items-read': z.string().meta({ description: 'Items the table read to answer' }) }) },
        '400': err('Bad query'),
      },
    },
  },
  '/notices': { get: { summary: 'Current notices of adjustment', responses: { '200': jsonOf(page(noticeView), 'Notices still up') } } },
  '/seal-certificates': {
    get: {
      summary: 'The certificates this stack seals with (trust anchors for verification; fingerprints as on each audit page)',
      responses: { '200': jsonOf(sealCertificates, 'Organisation and certificates (none before the first seal on one machine)') },
    },
  },
  '/anslagstavla': { get: { summary: 'The notice board (HTML, Swedish)', tags: ['pages'], responses: { '200': htmlOf('HTML page') } } },
  '/beslut': {
    get: {
      summary: 'Decision search page: adjusted decisions, matched as GET /decisions does; pages with its cursors',
      tags: ['pages'],
      requestParams: { query: z.object({ body: z.string().optional(), from: z.string().optional(), to: z.string().optional(), q: z.string().optional(), cursor: z.string().optional(), lang: z.enum(['sv', 'en']).optional() }) },
      responses: { '200': htmlOf('HTML page'), '400': htmlOf('The page with the reason the query was refused') },
    },
  },
  '/anslagstavla/arkiv': { get: { summary: 'Notices taken down after their appeal period (HTML, Swedish); the protocols stay', tags: ['pages'], responses: { '200': htmlOf('HTML page') } } },
  '/feeds': { get: { summary: 'Atom feed (RFC 4287) of the newest published protocols of every body, each with its notice', tags: ['feeds'], responses: { '200': atomOf('Atom feed') } } },
  '/feeds/{slug}': {
    get: { summary: "Atom feed of one body's newest published protocols", tags: ['feeds'], requestParams: { path: z.object({ slug }) }, responses: { '200': atomOf('Atom feed'), '404': err('Unknown body') } },
  },
  '/prenumeration/{slug}': {
    get: { summary: "Form to follow a body's notices by e-mail", tags: ['subscriptions'], requestParams: { path: z.object({ slug }), query: langQuery }, responses: { '200': htmlOf('The form'), '404': htmlOf('Unknown body') } },
    post: {
      summary: 'Ask for a subscription: mails a confirmation link (double opt-in); the same answer whether or not the address subscribes already',
      tags: ['subscriptions'],
      requestParams: { path: z.object({ slug }) },
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: z.object({ email: z.string(), lang: z.enum(['sv', 'en']).optional() }) } } },
      responses: {
        '200': htmlOf('Check your mail'),
        '400': htmlOf('The form with the address refused'),
        '403': htmlOf('Not posted from this site'),
        '404': htmlOf('Unknown body'),
        '429': { ...htmlOf('Too many requests for this address or from this client this hour'), headers: z.object({ 'retry-after': z.string() }) },
      },
    },
  },
  '/prenumeration/bekrafta/{token}': {
    get: { summary: 'The confirmation link: a page with a button (changes nothing)', tags: ['subscriptions'], requestParams: { ...subscriptionToken, query: langQuery }, responses: { '200': htmlOf('The page'), '404': htmlOf('Used, expired or unknown') } },
    post: { summary: 'Confirm the subscription (once, within 48 hours)', tags: ['subscriptions'], requestParams: subscriptionToken, responses: { '200': htmlOf('Confirmed'), '403': htmlOf('Not posted from this site'), '404': htmlOf('Used, expired or unknown') } },
  },
  '/prenumeration/avsluta/{token}': {
    get: { summary: 'The unsubscribe link of a notice mail: a page with a button (changes nothing)', tags: ['subscriptions'], requestParams: { ...subscriptionToken, query: langQuery }, responses: { '200': htmlOf('The page'), '404': htmlOf('Used, expired or unknown') } },
    post: {
      summary: 'Unsubscribe; also the List-Unsubscribe URL a mail client posts List-Unsubscribe=One-Click to (RFC 8058)',
      tags: ['subscriptions'],
      requestParams: subscriptionToken,
      responses: { '200': htmlOf('Unsubscribed'), '404': htmlOf('Used, expired or unknown') },
    },
  },
  '/tillganglighet': { get: { summary: 'Accessibility statement (HTML)', tags: ['pages'], requestParams: { query: langQuery }, responses: { '200': htmlOf('HTML page') } } },
  '/sign/{token}': {
    get: {
      summary: 'Signing page for a personal link (records "viewed" only)',
      tags: ['signing'],
      requestParams: { ...tokenPath, query: z.object({ lang: z.enum(['sv', 'en']).optional() }) },
      responses: { '200': htmlOf('The page'), '404': htmlOf('Unknown link'), '410': htmlOf('Expired or superseded') },
    },
    post: {
      summary: 'Adjust (sign) or request a change',
      tags: ['signing'],
      requestParams: tokenPath,
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              action: z.enum(['sign', 'request-changes', 'bankid-start', 'bankid-collect']).meta({
                description: 'sign: the box (bodies signing by link); bankid-start / bankid-collect: start and collect a BankID order (bodies signing with BankID)',
              }),
              consent: z.literal('on').optional(),
              sha256: z.string().optional(),
              comment: z.string().max(2000).optional(),
              topic: z.enum(Object.keys(CHANGE_TOPICS) as [ChangeTopic, ...ChangeTopic[]]).optional().meta({
                description: 'With request-changes: what the change concerns, named in the public reason (the comment is not)',
              }),
            }),
          },
        },
      },
      responses: {
        '200': htmlOf('Done'),
        '400': htmlOf('Consent or comment missing, a topic not on the list, or an action this body does not sign with'),
        '403': htmlOf('Cross-origin post refused, or a BankID signature by someone other than the invited signer'),
        '404': htmlOf('Unknown link'),
        '409': htmlOf('Already done, or paused by a change request'),
        '410': htmlOf('Expired or superseded'),
      },
    },
  },
  '/assets/bankid.js': {
    get: { summary: "The signing page's BankID script (collects the order and refreshes the QR code; the page works without it)", tags: ['signing'], responses: { '200': { description: 'JavaScript' } } },
  },
  '/sign/{token}/pdf': {
    get: { summary: 'The draft PDF the signer reads (redirect to a short-lived URL)', tags: ['signing'], requestParams: tokenPath, responses: { '302': { description: 'Redirect' }, '404': htmlOf('Unknown link'), '410': htmlOf('Superseded: a newer version was sent') } },
  },
  '/secretary/{token}': {
    get: {
      summary: "The secretary's page of a protocol: what was parsed and where each value came from (records \"viewed\" only)",
      tags: ['secretary'],
      requestParams: { ...tokenPath, query: z.object({ lang: z.enum(['sv', 'en']).optional() }) },
      responses: { '200': htmlOf('The page: what was read, who was invited, opened and signed; the sealed PDF and the notice once published'), '404': htmlOf('Unknown, expired or dead link (superseded, rejected, or another secretary)') },
    },
    post: {
      summary: 'Correct chair, adjusters, date and place, and/or send for adjustment; remind one signer or send their link again (once a day each); withdraw the protocol (same-origin form post)',
      tags: ['secretary'],
      requestParams: tokenPath,
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              action: z.enum(['save', 'route', 'remind', 'resend', 'withdraw']),
              signer: z.string().optional().meta({ description: 'The signer to remind or send the link again (remind, resend)' }),
              cause: z.enum(Object.keys(WITHDRAW_CAUSES) as [WithdrawCause, ...WithdrawCause[]]).optional().meta({ description: 'Why the protocol is withdrawn (withdraw); becomes the public reason' }),
              version: z.string().meta({ description: 'Number of corrections the page showed; a different number is a 409' }),
              chair: z.string().optional().meta({ description: 'A directory member; empty for no change' }),
              'adjusters-shown': z.literal('1').optional(),
              adjuster: z.array(z.string()).optional().meta({ description: 'Directory members ticked (repeated field)' }),
              newName: z.string().optional(),
              newEmail: z.string().optional(),
              newRole: z.enum(['justerare', 'ordförande']).optional(),
              date: z.string().optional(),
              place: z.string().optional(),
            }),
          },
        },
      },
      responses: {
        '200': htmlOf('Saved, sent, reminded, re-sent or withdrawn (or why not, in the status banner)'),
        '400': htmlOf('Invalid input, named in an error summary'),
        '403': err('Cross-origin post refused'),
        '404': htmlOf('Unknown or dead link'),
        '409': htmlOf('Not correctable now (someone signed, or it changed meanwhile)'),
      },
    },
  },
  '/secretary/{token}/protocols': {
    get: {
      summary: "The body's protocols with their states, newest meeting first (the same secretary link)",
      tags: ['secretary'],
      requestParams: { ...tokenPath, query: z.object({ lang: z.enum(['sv', 'en']).optional() }) },
      responses: { '200': htmlOf('The page'), '404': htmlOf('Unknown or dead link') },
    },
  },
  '/secretary/{token}/pdf': {
    get: { summary: 'The draft PDF (redirect to a short-lived URL)', tags: ['secretary'], requestParams: tokenPath, responses: { '302': { description: 'Redirect' }, '404': htmlOf('Unknown link') } },
  },
  '/admin/bodies': { get: { ...admin, summary: 'All body directories', responses: { '200': jsonOf(z.object({ items: z.array(bodyDirectory) }), 'Directories'), '401': err('No credentials') } } },
  '/admin/bodies/{slug}': {
    get: { ...admin, summary: 'A body directory', requestParams: { path: z.object({ slug }) }, responses: { '200': jsonOf(bodyDirectory, 'The directory'), '401': err('No credentials'), '404': err('Unknown body') } },
    put: {
      ...admin,
      summary: 'Create or replace a body directory',
      requestParams: { path: z.object({ slug }) },
      requestBody: { content: { 'application/json': { schema: bodyDirectory } } },
      responses: { '200': jsonOf(bodyDirectory, 'Stored'), '400': err('Invalid directory'), '401': err('No credentials') },
    },
  },
  '/admin/protocols/{id}': {
    patch: {
      ...admin,
      summary: 'Correct what the parser read: chair, adjusters, date, place (then POST …/route to send)',
      description:
        'Allowed in NEEDS_ATTENTION for a reason a correction cures (NO_DIRECTORY, SIGNERS_UNRESOLVED, CONFIRM_BEFORE_SENDING, WRONG_BODY, NO_ITEMS, CORRECTED), and in ROUTED or CHANGES_REQUESTED while nobody has signed (the sent links are withdrawn). The protocol then waits in NEEDS_ATTENTION (CORRECTED).',
      requestParams: idPath,
      requestBody: { content: { 'application/json': { schema: correctionBody } } },
      responses: {
        '200': jsonOf(
          z.object({ changed: z.boolean(), status: z.string(), reason: z.object({}).passthrough().nullable(), chair: z.string().nullable(), adjusters: z.array(z.string()), date: z.string().nullable(), place: z.string().nullable() }),
          'The corrected values',
        ),
        '400': err('Invalid correction (unknown or ambiguous name, a new person whose name is taken, a bad date)'),
        '401': err('No credentials'),
        '404': err('Unknown id'),
        '409': err('The state does not allow a correction'),
      },
    },
  },
  '/admin/protocols/{id}/route': {
    post: {
      ...admin,
      summary: 'Send for adjustment (again): after fixing the directory, after a correction, or to confirm the parse',
      requestParams: idPath,
      responses: { '200': jsonOf(z.object({ outcome: z.string(), status: z.string(), reason: z.object({}).passthrough().nullable() }), 'Outcome'), '401': err('No credentials'), '404': err('Unknown id') },
    },
  },
  '/admin/protocols/{id}/evidence': {
    get: {
      ...admin,
      summary: 'The BankID evidence of a protocol, decrypted (operators only: it holds personnummer and device IP)',
      description:
        "Per BankID signature: the signer's name and role, the SHA-256 the signature record carries (the audit page prints it), and BankID's completionData with the text and digest the order signed. `justera verify --evidence` checks it. A record that does not decrypt has `problem` instead of `evidence`.",
      requestParams: idPath,
      responses: {
        '200': jsonOf(
          z.object({
            protocolId: z.string(),
            draftSha256: z.string().nullable(),
            items: z.array(
              z.object({
                signerId: z.string(),
                name: z.string(),
                role: z.string(),
                recordedSha256: z.string().nullable(),
                signedAt: z.string().nullable(),
                evidence: Evidence.optional(),
                problem: z.string().optional(),
              }),
            ),
          }),
          'The evidence',
        ),
        '401': err('No credentials'),
        '404': err('Unknown id'),
      },
    },
  },
  '/admin/dead-letters': { get: { ...admin, summary: 'Messages that failed every retry', responses: { '200': jsonOf(z.object({ items: z.array(z.object({}).passthrough()) }), 'Dead letters'), '401': err('No credentials') } } },
  '/admin/dead-letters/redrive': { post: { ...admin, summary: 'Re-drive every dead letter', responses: { '200': jsonOf(z.object({ redriven: z.number() }), 'Count'), '401': err('No credentials') } } },
  '/admin/remind': { post: { ...admin, summary: 'Run the reminder round now', responses: { '200': jsonOf(z.object({ reminded: z.number(), expired: z.number(), resumed: z.number() }), 'What was done'), '401': err('No credentials') } } },
  '/admin/reindex': {
    post: {
      ...admin,
      summary: 'Rebuild the word index of one page of published protocols',
      description: 'Rewrites the word-prefix index items of the decisions of up to 25 published protocols, newest first. Call again with `next` as `cursor` until it is null (`justera reindex` does). Harmless to repeat.',
      requestParams: { query: z.object({ cursor: z.string().optional() }) },
      responses: {
        '200': jsonOf(z.object({ protocols: z.array(z.string()), next: z.string().nullable() }), 'The protocols reindexed and where to continue'),
        '400': err('Invalid cursor'),
        '401': err('No credentials'),
      },
    },
  },
});
let made: Operations | undefined;
const operations = (): Operations => (made ??= makeOperations());

export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Justera',
      version: '1.0.0',
      description:
        'Meeting minutes adjusted, signed, sealed and published. Public reads need no credentials; /admin routes (and the audit trail) need IAM on AWS or the local bearer token. Every GET route also answers HEAD (the same status and headers, no body).',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'Local stack: the token printed at start. On AWS: IAM (SigV4).' } } },
    paths: operations(),
  });
}

export const documentedPaths = (): string[] => Object.keys(operations());
