// Who chairs, who adjusts, who keeps the minutes. Several places say so, and a
// careful reader weighs them in this order:
// - chair: an "Ordförande" label, the ordförande of the attendance list, the item
//   electing a meeting chair, a sentence "Ordförande Magnus Persson inleder …", and
//   last the convention that the chair signs first under "Justeras";
// - adjusters: "Justerare"/"Utses att justera" labels and the names elected in the
//   "Val av justerare/justeringsperson" item, then the other names under "Justeras";
// - secretary: the name after "Vid protokollet"/"Vid anteckningarna"/"Sekreterare",
//   else the sekreterare of the attendance list.
// Sources that disagree leave the stronger one in place and a warning.
import type { Attendee } from './model';
import { leadingName, NAME_SOURCE, namesIn, sameName } from './people';
import type { SignatureBlock } from './signatures';

export interface ItemLike {
  number: string;
  title: string;
  text: string;
  decisions: string[];
}

export interface Officers {
  chair: string | null;
  adjusters: string[];
  secretary: string | null;
  warnings: string[];
}

const ADJUSTER_ITEM = /juster(?:are|ing|ande)/iu;
const CHAIR_ITEM = /^val\s+av\s+(?:mötes)?ordförande/iu;
const SECRETARY_ITEM = /^val\s+av\s+(?:mötes|protokoll)?sekreterare/iu;
// Only a capitalised "Ordförande" opening a sentence or line names the chair; "Åsa Dederling,
// ordförande Ledningsgruppen" is someone else's chair, and "Ordförande öppnar mötet" names no one.
const CHAIR_SENTENCE = /(?:^|[.!?]\s+|\n)(?:Ordförande|Ordföranden|Mötesordförande|Mötets\s+ordförande)\s+(?=\p{Lu})/gu;

export function resolveOfficers(input: {
  blocks: SignatureBlock[];
  attendees: Attendee[];
  items: ItemLike[];
  /** Running text of header and items, for "Ordförande X …" sentences. */
  texts: string[];
}): Officers {
  const warnings: string[] = [];
  const { blocks, attendees, items, texts } = input;

  const secretaryCandidates = [
    ...blocks.map((b) => b.secretary),
    attendees.find((a) => a.role === 'sekreterare')?.name ?? null,
    ...items.filter((i) => SECRETARY_ITEM.test(i.title)).map((i) => electedIn(i)[0] ?? null),
  ].filter((n): n is string => !!n);
  const secretary = secretaryCandidates[0] ?? null;

  const elected = unique([
    ...blocks.flatMap((b) => b.adjusters),
    ...items.filter((i) => ADJUSTER_ITEM.test(i.title)).flatMap((i) => electedIn(i)),
  ]);

  const chairCandidates = [
    ...blocks.map((b) => b.chair),
    attendees.find((a) => a.role === 'ordförande')?.name ?? null,
    ...items.filter((i) => CHAIR_ITEM.test(i.title)).map((i) => electedIn(i)[0] ?? null),
    chairInText(texts),
  ].filter((n): n is string => !!n);

  // Under "Justeras": the chair (by convention first) and the adjusters.
  const justeras = unique(blocks.flatMap((b) => b.justeras)).filter((n) => !(secretary && sameName(n, secretary)));
  let chair = chairCandidates[0] ?? null;
  const adjusters = [...elected];
  const others = justeras.filter((n) => !elected.some((e) => sameName(e, n)));
  if (!chair && others.length > 0 && (justeras.length >= 2 || elected.length > 0)) chair = others[0]!;
  for (const name of others) {
    if (chair && sameName(name, chair)) continue;
    if (adjusters.some((a) => sameName(a, name))) continue;
    if (elected.length > 0) warnings.push(`${name} står under Justeras men valdes inte till justerare.`);
    adjusters.push(name);
  }
  if (!chairCandidates.length && justeras.length === 1 && elected.length === 0)
    warnings.push(`Bara ett namn under Justeras (${justeras[0]}); det har tolkats som justerare, inte ordförande.`);

  const distinctChairs = unique(chairCandidates);
  if (chair && distinctChairs.length > 1) warnings.push(`Olika uppgifter om ordförande: ${distinctChairs.join(', ')}; ${chair} har valts.`);
  if (chair && adjusters.some((a) => sameName(a, chair!))) warnings.push(`${chair} står både som ordförande och som justerare.`);
  return { chair, adjusters: adjusters.filter((a) => !(chair && sameName(a, chair))), secretary, warnings };
}

/** Names in an election item's decisions ("… väljs Patrik Stenvard"), or in its text when it has none. */
function electedIn(item: ItemLike): string[] {
  const fromDecisions = item.decisions.flatMap((d) => namesIn(withoutSubstitutes(d)));
  return fromDecisions.length ? unique(fromDecisions) : unique(namesIn(withoutSubstitutes(item.text)));
}

/** "… med Anna Berg (S) som ersättare": the substitute adjuster signs only if the adjuster cannot. */
function withoutSubstitutes(text: string): string {
  return text.replace(new RegExp(`(?:med\\s+)?${NAME_SOURCE}(?:\\s*\\([^)]*\\))?,?\\s+som\\s+(?:ersättare|reserv|ersättande\\s+justerare)`, 'gu'), ' ');
}

function chairInText(texts: string[]): string | null {
  for (const text of texts)
    for (const m of text.matchAll(CHAIR_SENTENCE)) {
      const name = leadingName(text.slice(m.index! + m[0].length));
      if (name) return name;
    }
  return null;
}

function unique(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (!out.some((o) => sameName(o, n))) out.push(n);
  return out;
}
