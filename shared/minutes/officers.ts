// Who chairs, who adjusts, who keeps the minutes: every claim the minutes make
// (roles.ts reads them), chosen by an explicit order of evidence — an election in
// the meeting, then a label, then a signature block, then a role in a list, then a
// sentence, and last the convention that the chair signs first under "Justeras".
// The chosen value keeps where it was read. Sources that disagree leave the
// stronger one in place and a warning. Unknown stays null: nothing is guessed.
import type { Attendee, Evidence } from './model';
import type { Line } from './layout';
import { sameName } from './people';
import {
  bracketRolesIn,
  chairSentenceIn,
  electedIn,
  electionsIn,
  electionTitle,
  inlineLabelsIn,
  labelsIn,
  listRolesIn,
  peopleOnly,
  plainNames,
  roleHeading,
  RANK,
  type Claim,
  type Passage,
  type Role,
  type Rule,
} from './roles';
import type { SignatureBlock } from './signatures';

export interface Officers {
  chair: string | null;
  adjusters: string[];
  secretary: string | null;
  warnings: string[];
  evidence: { chair?: Evidence; adjusters?: Evidence; secretary?: Evidence };
}

export function resolveOfficers(input: { passages: Passage[]; blocks: { block: SignatureBlock; line: Line | null }[]; attendees: Attendee[] }): Officers {
  const claims = collectClaims(input.passages, input.blocks, input.attendees);
  const known = knownNames(claims, input.attendees);
  for (const claim of claims) if (claim.rule === 'signature' || claim.rule === 'convention') claim.names = claim.names.map((n) => closest(n, known));
  claims.push(...unreadClaims(input.blocks, known));

  const warnings: string[] = [];
  const chairClaim = strongest(claims, 'chair');
  const secretaryClaim = strongest(claims, 'secretary');
  const chair = chairClaim?.names[0] ?? null;
  const secretary = secretaryClaim?.names[0] ?? null;

  const adjusterClaim = strongest(claims, 'adjusters');
  const elected = adjusterClaim ? unique(adjusterClaim.names) : [];
  // Under "Justeras": by convention the chair first, then the adjusters. A name there that was not
  // elected is the chair if no chair is named, else an adjuster, with a warning when others were elected.
  const justeras = claims.filter((c) => c.rule === 'convention');
  const names = unique(justeras.flatMap((c) => c.names)).filter((n) => !(secretary && sameName(n, secretary)));
  const others = names.filter((n) => !elected.some((e) => samePerson(e, n)) && !(chair && samePerson(n, chair)));
  let conventionalChair: Claim | null = null;
  if (!chair && others.length > 0 && (names.length >= 2 || elected.length > 0)) conventionalChair = { ...justeras[0]!, role: 'chair', names: [others.shift()!] };
  if (!chair && names.length === 1 && elected.length === 0) warnings.push(`Bara ett namn under Justeras (${names[0]}); det har tolkats som justerare, inte ordförande.`);
  for (const name of others) if (elected.length > 0) warnings.push(`${name} står under Justeras men valdes inte till justerare.`);
  let adjusters = [...elected, ...others];
  const adjusterEvidence = adjusterClaim ?? (others.length ? justeras[0]! : null);
  const finalChair = chair ?? conventionalChair?.names[0] ?? null;
  adjusters = adjusters.filter((a) => !(finalChair && sameName(a, finalChair)));

  const chairs = unique(claims.filter((c) => c.role === 'chair' && RANK[c.rule] <= RANK.sentence).map((c) => c.names[0]!));
  if (finalChair && chairs.length > 1) warnings.push(`Olika uppgifter om ordförande: ${chairs.join(', ')}; ${finalChair} har valts.`);

  const evidence: Officers['evidence'] = {};
  const chosenChair = chairClaim ?? conventionalChair;
  if (finalChair && chosenChair) evidence.chair = evidenceOf(chosenChair);
  if (secretary && secretaryClaim) evidence.secretary = evidenceOf(secretaryClaim);
  if (adjusters.length && adjusterEvidence) evidence.adjusters = evidenceOf(adjusterEvidence);
  return { chair: finalChair, adjusters, secretary, warnings, evidence };
}

function collectClaims(passages: Passage[], blocks: { block: SignatureBlock; line: Line | null }[], attendees: Attendee[]): Claim[] {
  const claims: Claim[] = [];
  const add = (role: Role, names: string[], rule: Rule, p: { line: Line; item: string | null }) => {
    if (names.length) claims.push({ role, names, rule, line: p.line, item: p.item });
  };
  // A sub-heading naming a role ("a. Mötesordförande") says what the next line elects.
  // A label alone on its line ("Utses att justera", "Ordförande") names the people on the line under
  // it, in the same column: a flattened table puts another column's value there instead.
  let heading: { role: Role; item: string | null; line: Line } | null = null;
  const flat = flattenedRows(passages);
  const flatTexts = [...flat].map((l) => l.text.trim());
  for (const raw of passages) {
    if (flat.has(raw.line) || (raw.text !== raw.line.text && flatTexts.some((t) => raw.text.includes(t)))) continue;
    const p = { ...raw, text: plainNames(raw.text) };
    const headed = roleHeading(p.text);
    if (headed) {
      heading = { role: headed, item: p.item, line: p.line };
      continue;
    }
    const dx = heading ? p.line.source.x - heading.line.source.x : 0;
    // A name printed under the line it signs on may sit further right than its label ("Sekreterare ...... / Eva Ek").
    const under = heading && heading.item === p.item && dx > -20 && (dx < 60 || (dx < 150 && peopleOnly(p.text).length === 1)) ? heading : null;
    heading = null;
    if (under && !p.itemTitle) {
      add(under.role, under.role === 'adjusters' ? peopleOnly(p.text) : peopleOnly(p.text).slice(0, 1), /^Namnförtydligande/iu.test(under.line.text) ? 'sentence' : 'label', { line: under.line, item: p.item });
      continue;
    }
    const elects = under ? [under.role] : p.itemTitle ? electionTitle(p.itemTitle) : [];
    const before = claims.length;
    for (const e of labelsIn(p.text)) add(e.role, e.names, elects.includes(e.role) ? 'election' : 'label', p);
    for (const e of electionsIn(p.text)) add(e.role, e.names, 'election', p);
    if (claims.length === before && elects.length === 1) add(elects[0]!, electedIn(p.text), 'election', p);
    if (p.region !== 'item') for (const e of inlineLabelsIn(p.text)) add(e.role, e.names, 'signature', p);
    for (const e of listRolesIn(p.text)) add(e.role, e.names, 'list', p);
    for (const e of bracketRolesIn(p.text)) add(e.role, e.names, 'list', p);
    const sentence = chairSentenceIn(p.text);
    if (sentence) add('chair', [sentence], 'sentence', p);
  }
  claims.push(...signatureSequence([...new Set(passages.filter((p) => p.region === 'header').map((p) => p.line))]));
  for (const { block, line } of blocks) {
    if (!line) continue;
    const at = { line, item: null };
    if (block.secretary) add('secretary', [block.secretary], 'signature', at);
    if (block.chair) add('chair', [block.chair], 'signature', at);
    add('adjusters', block.adjusters, 'signature', at);
    if (block.justeras.length) claims.push({ role: 'adjusters', names: block.justeras, rule: 'convention', line, item: null });
  }
  for (const a of attendees) {
    const line = passages[0]?.line;
    if (!line) break;
    if (a.role === 'ordförande') add('chair', [a.name], 'list', { line, item: null });
    if (a.role === 'sekreterare') add('secretary', [a.name], 'list', { line, item: null });
  }
  return claims;
}

/**
 * Rows of a form whose cells came apart: four or more header lines in a row each start with a
 * label of the municipal template and carry a tab-separated value. The values then belong to
 * another column's rows, so no claim is read from these lines (signatureSequence reads them).
 */
export function flattenedRows(passages: Passage[]): Set<Line> {
  const LABEL = /^(?:Plats\s+och\s+tid|Beslutande|Närvarande\s+ersättare|Tjänstgörande\s+ersättare|Ersättare|Övriga\s+närvarande|Utses\s+att\s+justera|Justeringens\s+plats\s+och\s+tid|Underskrifter|Sekreterare|Ordförande|Justerande)\s*:?\t/iu;
  const out = new Set<Line>();
  let run: Line[] = [];
  const flush = () => {
    if (run.length >= 4) run.forEach((l) => out.add(l));
    run = [];
  };
  for (const p of passages) {
    if (p.region !== 'header' || p.text !== p.line.text) continue;
    if (LABEL.test(p.text)) run.push(p.line);
    else flush();
  }
  flush();
  return out;
}

/**
 * The municipal template's first page flattened into one column of labels and one of values: the
 * labels "Sekreterare", "Ordförande", "Justerande" stand in order, and their names follow the
 * "Paragrafer 117-131" value in the same order.
 */
function signatureSequence(lines: Line[]): Claim[] {
  const order: Role[] = [];
  for (const l of lines) {
    const t = l.text.split('\t')[0]!.trim();
    if (/^Sekreterare$/u.test(t)) order.push('secretary');
    else if (/^Ordförande$/u.test(t)) order.push('chair');
    else if (/^Justerande$/u.test(t)) order.push('adjusters');
  }
  const at = lines.findIndex((l) => /^Paragrafer\s*§*\s*\d/u.test(l.text.trim()));
  if (at < 0 || order.length < 2) return [];
  const claims: Claim[] = [];
  let k = 0;
  for (const line of lines.slice(at + 1)) {
    if (Math.abs(line.source.x - lines[at]!.source.x) > 20) continue;
    const names = peopleOnly(plainNames(line.text));
    if (names.length !== 1 || k >= order.length) break;
    claims.push({ role: order[k++]!, names, rule: 'signature', line, item: null });
  }
  return claims;
}

function strongest(claims: Claim[], role: Role): Claim | null {
  let best: Claim | null = null;
  for (const c of claims) if (c.role === role && c.rule !== 'convention' && (!best || RANK[c.rule] < RANK[best.rule])) best = c;
  return best;
}

function evidenceOf(claim: Claim): Evidence {
  const text = claim.line.text.replace(/\s+/g, ' ').trim();
  return { page: claim.line.page, item: claim.item, line: text.length > 160 ? `${text.slice(0, 157)}…` : text, rule: claim.rule };
}

/** "Emil" elected and "Emil Stigsson" signing: a first name alone is the person whose first name it is. */
function samePerson(a: string, b: string): boolean {
  if (sameName(a, b)) return true;
  const [short, long] = a.split(' ').length < b.split(' ').length ? [a, b] : [b, a];
  return short.split(' ').length === 1 && sameName(short, long.split(' ')[0]!);
}

function unique(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (!out.some((o) => sameName(o, n))) out.push(n);
  return out;
}

function knownNames(claims: Claim[], attendees: Attendee[]): string[] {
  return unique([...attendees.map((a) => a.name), ...claims.filter((c) => c.rule !== 'signature' && c.rule !== 'convention').flatMap((c) => c.names)]);
}

/** A name read from a signature (often a scan) spelled as the minutes spell it elsewhere: "Bjödn GoffengH" -> "Björn Goffeng". */
function closest(name: string, known: string[]): string {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z ]/g, '');
  let best = name;
  let score = 0;
  for (const k of known) {
    if (k.split(' ').length < 2) continue;
    const s = similarity(fold(name), fold(k));
    if (s > score) [best, score] = [k, s];
  }
  return score >= 0.75 ? best : name;
}

/**
 * A role's label in a signature block over a line that shows no name — a scan's OCR of the printed
 * name, "BjortyGoffeng,C" under "Ordforande" — names the one person of the minutes whose name the
 * line spells nearly (letters only, noise before and after it free). Two such people: no one.
 */
function unreadClaims(blocks: { block: SignatureBlock; line: Line | null }[], known: string[]): Claim[] {
  const claims: Claim[] = [];
  for (const { block, line } of blocks) {
    if (!line) continue;
    const has = { chair: block.chair !== null, secretary: block.secretary !== null, adjusters: block.adjusters.length > 0 };
    for (const { role, text } of block.unread) {
      if (has[role] || claims.some((c) => c.role === role)) continue;
      const name = spelledIn(text, known);
      if (name) claims.push({ role, names: [name], rule: 'signature', line, item: null });
    }
  }
  return claims;
}

/** The one known full name (eight letters or more) that `text` spells with at most a fifth of its letters wrong. */
export function spelledIn(text: string, known: string[]): string | null {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
  const noisy = fold(text);
  const hits = known.filter((k) => {
    const name = fold(k);
    if (k.trim().split(/\s+/).length < 2 || name.length < 8 || noisy.length > 2 * name.length) return false;
    return fittedDistance(name, noisy) <= Math.floor(name.length / 5);
  });
  return hits.length === 1 ? hits[0]! : null;
}

/** Edits to make `needle` a substring of `hay` (what stands before and after it in `hay` is free). */
function fittedDistance(needle: string, hay: string): number {
  let prev = Array.from({ length: hay.length + 1 }, () => 0);
  for (let i = 1; i <= needle.length; i++) {
    const row = [i];
    for (let j = 1; j <= hay.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1));
    prev = row;
  }
  return Math.min(...prev);
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length, 1);
}
