// Admin routes. The gateway authorizes them (IAM on AWS, the bearer token on
// one machine) before this code runs; nothing here is reachable from a public route.
import { redrive } from '../flow/dead-letter';
import { reindexPublished } from '../flow/reindex';
import { remindRound } from '../flow/remind';
import { correctProtocol } from '../flow/correct';
import { routeProtocol } from '../flow/route';
import { HttpError, bodyText, json, type HttpEvent, type HttpResult } from '../lambda/http';
import { evidenceSha256, privateDetail } from '../signing/evidence';
import { bankIdEvidence } from './admin-evidence';
import type * as z from 'zod';
import { Personnummer } from '../bankid/personnummer';
import type { Member } from '../domain/records';
import type { Deps } from '../ports';
import { bodyDirectory, correctionBody, explain, protocolId, slug } from './schemas';

type Route = { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

export interface AuditLine {
  at: string;
  type: string;
  status?: string;
  signer?: string;
  signerId?: string;
  role?: string;
  email?: string;
  ip?: string;
  userAgent?: string;
  detail?: string;
  /** The salt and the hash the sealed PDF prints for this line (shared/signing/evidence.ts). */
  evidenceSalt?: string;
  evidenceSha256?: string;
}

export async function auditTrail(deps: Deps, id: string): Promise<AuditLine[] | null> {
  const p = await deps.store.protocols.get(id);
  if (!p) return null;
  // Withdrawn tasks too: who was asked before a correction is part of the trail.
  const signers = await deps.store.signers.history(id);
  const lines: AuditLine[] = [
    ...p.events.map((e) => ({ at: e.at, type: e.type, status: e.status, detail: e.detail })),
    ...signers.flatMap((s) =>
      s.events.map((e) => ({
        at: e.at,
        type: e.type,
        signer: s.name,
        signerId: s.id,
        role: s.role,
        email: s.email,
        ip: e.ip,
        userAgent: e.userAgent,
        // The comment of a change request is kept on the signer; the private trail shows it at its event.
        detail: privateDetail(s, e) ?? undefined,
        evidenceSalt: e.salt,
        evidenceSha256: evidenceSha256(id, s, e) ?? undefined,
      })),
    ),
  ];
  return lines.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Members as stored: a personnummer becomes its keyed hash here and goes no
 * further (not to the table, the answer or a log). A hash sent in is ignored:
 * only one made from a number the operator typed counts.
 */
async function keepHashes(deps: Deps, members: z.output<typeof bodyDirectory>['members']): Promise<Member[]> {
  const withNumber = members.some((m) => m.personnummer);
  const hasher = withNumber ? await deps.personnummers() : null;
  return Promise.all(
    members.map(async ({ personnummer, personnummerHash: _ignored, ...m }) =>
      personnummer && hasher ? { ...m, personnummerHash: await hasher.hash(Personnummer.of(personnummer)) } : m,
    ),
  );
}

function jsonBody(event: HttpEvent): unknown {
  try {
    return JSON.parse(bodyText(event));
  } catch {
    throw new HttpError(400, 'the body must be JSON');
  }
}

function param<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(404, `no such ${what}`);
  return parsed.data;
}

export function adminRoutes(deps: () => Deps): Route[] {
  return [
    {
      method: 'GET',
      path: '/protocols/{id}/audit',
      handler: async (event) => {
        const id = param(protocolId, event.pathParameters?.id, 'protocol');
        const events = await auditTrail(deps(), id);
        if (!events) throw new HttpError(404, 'no such protocol');
        return json(200, { protocolId: id, events });
      },
    },
    { method: 'GET', path: '/admin/bodies', handler: async () => json(200, { items: await deps().store.bodies.list() }) },
    {
      method: 'GET',
      path: '/admin/bodies/{slug}',
      handler: async (event) => {
        const found = await deps().store.bodies.get(param(slug, event.pathParameters?.slug, 'body'));
        if (!found) throw new HttpError(404, 'no such body');
        return json(200, found);
      },
    },
    {
      method: 'PUT',
      path: '/admin/bodies/{slug}',
      handler: async (event) => {
        const wanted = param(slug, event.pathParameters?.slug, 'body');
        const parsed = bodyDirectory.safeParse(jsonBody(event));
        if (!parsed.success) throw new HttpError(400, explain(parsed.error));
        if (parsed.data.slug !== wanted) throw new HttpError(400, `slug in the document (${parsed.data.slug}) differs from the path (${wanted})`);
        const directory = { ...parsed.data, members: await keepHashes(deps(), parsed.data.members), updatedAt: deps().clock.now().toISOString() };
        await deps().store.bodies.put(directory);
        return json(200, directory);
      },
    },
    {
      method: 'PATCH',
      path: '/admin/protocols/{id}',
      handler: async (event) => {
        const id = param(protocolId, event.pathParameters?.id, 'protocol');
        const parsed = correctionBody.safeParse(jsonBody(event));
        if (!parsed.success) throw new HttpError(400, explain(parsed.error));
        const result = await correctProtocol(deps(), id, parsed.data, 'operator');
        if (result.status !== 200) throw new HttpError(result.status, result.message);
        const p = result.protocol;
        return json(200, { changed: result.changed, status: p.status, reason: p.reason, chair: p.chair, adjusters: p.adjusters, date: p.date, place: p.place });
      },
    },
    {
      method: 'POST',
      path: '/admin/protocols/{id}/route',
      handler: async (event) => {
        const id = param(protocolId, event.pathParameters?.id, 'protocol');
        if (!(await deps().store.protocols.get(id))) throw new HttpError(404, 'no such protocol');
        const outcome = await routeProtocol(deps(), id, { by: 'operator' });
        const p = await deps().store.protocols.get(id);
        return json(200, { outcome, status: p?.status, reason: p?.reason ?? null });
      },
    },
    {
      method: 'GET',
      path: '/admin/protocols/{id}/evidence',
      handler: async (event) => {
        const id = param(protocolId, event.pathParameters?.id, 'protocol');
        const answer = await bankIdEvidence(deps(), id);
        if (!answer) throw new HttpError(404, 'no such protocol');
        return json(200, answer);
      },
    },
    { method: 'GET', path: '/admin/dead-letters', handler: async () => json(200, { items: await deps().store.deadLetters.list(true) }) },
    {
      method: 'POST',
      path: '/admin/dead-letters/redrive',
      handler: async () => {
        const done = await redrive(deps(), deps().requeue);
        return json(200, { redriven: done.length, items: done.map((d) => ({ id: d.id, queue: d.queue, protocolId: d.protocolId })) });
      },
    },
    { method: 'POST', path: '/admin/remind', handler: async () => json(200, await remindRound(deps())) },
    // One page of published protocols per call (?cursor= continues): `justera reindex` calls it until `next` is null.
    { method: 'POST', path: '/admin/reindex', handler: async (event) => json(200, await reindexPublished(deps(), event.queryStringParameters?.cursor ?? undefined)) },
  ];
}
