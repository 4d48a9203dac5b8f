// The secretary's link: the page (GET records "viewed" only), the correction
// form (POST, same-origin only, as the signing form), and the draft PDF.
import type { ProtocolRecord } from '../domain/records';
import { correctProtocol, type CorrectionInput, type PersonInput } from '../flow/correct';
import { routeProtocol } from '../flow/route';
import { openSecretaryLink, recordSecretaryView, type SecretaryView } from '../flow/secretary-links';
import { HttpError, bodyText, csp, page, redirect, sameOrigin, type HttpEvent, type HttpResult } from '../lambda/http';
import { STYLE } from '../pages/layout';
import { secretaryPage, type SecretaryField, type SecretaryPageInput } from '../pages/secretary';
import { bodyProtocolsPage } from '../pages/secretary-body';
import { SECRETARY_TEXT, type SecretaryNotice } from '../pages/secretary-text';
import { isWithdrawCause } from '../domain/reasons';
import { nudgeSigner, withdrawProtocol } from '../flow/steer';
import { unknownLinkPage } from '../pages/sign';
import type { Deps } from '../ports';
import { matchMember } from '../domain/names';
import { correctionBody } from './schemas';

type Route = { method: 'GET' | 'POST'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

const langOf = (event: HttpEvent): 'sv' | 'en' => (event.queryStringParameters?.lang === 'en' ? 'en' : 'sv');

/** What the form asks to change: only fields that differ from what the page showed. */
export function correctionOf(form: URLSearchParams, p: ProtocolRecord, view: SecretaryView): CorrectionInput | { problem: SecretaryField } {
  const members = view.directory.members;
  const canonical = (name: string) => {
    const m = matchMember(name, members);
    return m.kind === 'found' ? m.member.name : name;
  };
  const input: CorrectionInput = {};
  const chair = (form.get('chair') ?? '').trim();
  if (chair) input.chair = chair;
  const newName = (form.get('newName') ?? '').trim();
  const newEmail = (form.get('newEmail') ?? '').trim();
  if (Boolean(newName) !== Boolean(newEmail)) return { problem: newName ? 'new-email' : 'new-name' };
  const newPerson: PersonInput | null = newName ? { name: newName, email: newEmail } : null;
  if (newPerson && form.get('newRole') === 'ordförande') input.chair = newPerson;
  if (form.get('adjusters-shown') === '1') {
    const ticked = form.getAll('adjuster').map((a) => a.trim()).filter(Boolean);
    const adjusters: PersonInput[] = [...ticked, ...(newPerson && form.get('newRole') !== 'ordförande' ? [newPerson] : [])];
    const current = new Set(p.adjusters.map(canonical));
    const unchanged = adjusters.length === current.size && adjusters.every((a) => typeof a === 'string' && current.has(a));
    if (!unchanged) input.adjusters = adjusters;
  }
  const date = (form.get('date') ?? '').trim();
  if (date && date !== p.date) input.date = date;
  const place = (form.get('place') ?? '').trim();
  if (place && place !== p.place) input.place = place;
  return input;
}

function fieldOfPath(path: readonly PropertyKey[]): SecretaryField | null {
  const [first] = path;
  if (path.at(-1) === 'email') return 'new-email';
  if (path.at(-1) === 'name') return 'new-name';
  return first === 'chair' || first === 'adjusters' || first === 'date' || first === 'place' ? first : null;
}

/** Remind, re-send or withdraw: the page's other buttons. Null when the form is a correction. */
async function steer(d: Deps, view: SecretaryView, form: URLSearchParams): Promise<SecretaryNotice | 'bad-input' | null> {
  const action = form.get('action');
  if (action === 'remind' || action === 'resend') {
    const outcome = await nudgeSigner(d, view.protocol.id, form.get('signer') ?? '', action);
    return outcome === 'sent' ? (action === 'remind' ? 'reminded' : 'resent') : outcome;
  }
  if (action === 'withdraw') {
    const cause = form.get('cause') ?? '';
    if (!isWithdrawCause(cause)) return 'bad-input';
    return (await withdrawProtocol(d, view.protocol.id, cause)) ? 'withdrawn' : 'not-withdrawn';
  }
  return null;
}

export function secretaryRoutes(deps: () => Deps): Route[] {
  const tokenOf = (event: HttpEvent) => event.pathParameters?.token ?? '';
  const policy = () => csp(STYLE);
  const unknown = (event: HttpEvent) => page(404, unknownLinkPage(langOf(event)), policy());
  const render = async (status: number, event: HttpEvent, view: SecretaryView, extra: Partial<SecretaryPageInput> = {}) => {
    const d = deps();
    const protocol = (await d.store.protocols.get(view.protocol.id)) ?? view.protocol;
    const [items, signers, directory] = await Promise.all([d.store.content.items(protocol.id), d.store.signers.all(protocol.id), d.store.bodies.get(protocol.body)]);
    const token = tokenOf(event);
    const published = protocol.status === 'PUBLISHED' ? await d.store.notices.get(protocol.id) : null;
    const body = secretaryPage({ protocol, directory: directory ?? view.directory, items, signers, lang: langOf(event), token, pdfUrl: `/secretary/${token}/pdf`, published, ...extra });
    return page(status, body, policy());
  };

  return [
    {
      method: 'GET',
      path: '/secretary/{token}',
      handler: async (event) => {
        const view = await openSecretaryLink(deps(), tokenOf(event));
        if (!view) return unknown(event);
        await recordSecretaryView(deps(), tokenOf(event));
        return render(200, event, view);
      },
    },
    {
      method: 'POST',
      path: '/secretary/{token}',
      handler: async (event) => {
        if (!sameOrigin(event, deps().config.JUSTERA_PUBLIC_URL)) throw new HttpError(403, 'cross-origin form posts are refused');
        const d = deps();
        const view = await openSecretaryLink(d, tokenOf(event));
        if (!view) return unknown(event);
        const t = SECRETARY_TEXT[langOf(event)];
        const form = new URLSearchParams(bodyText(event));
        const steering = await steer(d, view, form);
        if (steering) return render(steering === 'bad-input' ? 400 : 200, event, view, steering === 'bad-input' ? { problem: { field: null, message: t.errors.badAction } } : { notice: steering });
        const wanted = correctionOf(form, view.protocol, view);
        if ('problem' in wanted) return render(400, event, view, { problem: { field: wanted.problem, message: t.errors.newPerson } });
        let changed = false;
        if (Object.keys(wanted).length) {
          const parsed = correctionBody.safeParse(wanted);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            return render(400, event, view, { problem: { field: fieldOfPath(issue.path), message: issue.message } });
          }
          const version = Number(form.get('version'));
          const result = await correctProtocol(d, view.protocol.id, parsed.data, 'secretary', Number.isInteger(version) ? version : undefined);
          if (result.status !== 200) {
            return render(result.status, event, view, { problem: { field: result.field ?? null, message: langOf(event) === 'sv' ? result.sv : result.message } });
          }
          changed = result.changed;
        }
        if (form.get('action') !== 'route') return render(200, event, view, { notice: changed ? 'saved' : 'unchanged' });
        const outcome = await routeProtocol(d, view.protocol.id, { by: 'secretary' });
        return render(200, event, view, { notice: outcome === 'routed' ? 'routed' : 'not-routed' });
      },
    },
    {
      method: 'GET',
      path: '/secretary/{token}/protocols',
      handler: async (event) => {
        const d = deps();
        const view = await openSecretaryLink(d, tokenOf(event));
        if (!view) return unknown(event);
        // One page of the body's protocols, newest meeting first: a secretary's body has tens a year, not thousands.
        const { items } = await d.store.protocols.list({ body: view.protocol.body, limit: 100 });
        return page(200, bodyProtocolsPage({ directory: view.directory, protocols: items, current: view.protocol.id, token: tokenOf(event), lang: langOf(event) }), policy());
      },
    },
    {
      method: 'GET',
      path: '/secretary/{token}/pdf',
      handler: async (event) => {
        const d = deps();
        const view = await openSecretaryLink(d, tokenOf(event));
        if (!view?.protocol.draftKey) return unknown(event);
        return redirect(await d.files.presignGet(view.protocol.draftKey, d.config.JUSTERA_LINK_SECONDS, `utkast-${view.protocol.id}.pdf`));
      },
    },
  ];
}
