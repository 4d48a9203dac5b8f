// Realistic Swedish minutes of a chosen length, generated (the repository keeps
// no binaries): a header, attendance, the election of an adjuster, many
// "§ n. Title" paragraphs with text, proposals and "Beslut" + "att …" clauses,
// and the "Vid protokollet / Justeras" block with the names at the end. The
// text is the markup samples/render.ts understands, so the PDF is laid out the
// way the bundled samples are. Deterministic: the same arguments give the same bytes.
import { PDFDocument } from 'pdf-lib';
import { renderMinutes } from '../../samples/render';

export interface MinutesSpec {
  /** Meeting date, YYYY-MM-DD. */
  date: string;
  /** Number of numbered paragraphs. */
  paragraphs: number;
  seed?: number;
  body?: string;
  chair?: string;
  adjuster?: string;
  secretary?: string;
}

export const BENCH_BODY = {
  slug: 'kommunstyrelsen-benchby',
  name: 'Kommunstyrelsen i Benchby',
  organisation: 'Benchby kommun',
  chair: 'Anna Berglund',
  adjuster: 'Erik Åström',
  secretary: 'Sara Lindqvist',
} as const;

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

const TITLES = [
  'Budget för kultur- och fritidsnämnden',
  'Motion om laddplatser vid förskolor',
  'Detaljplan för kvarteret Linden',
  'Upphandling av skolskjuts',
  'Delårsrapport för socialnämnden',
  'Revidering av avfallsplanen',
  'Medborgarförslag om belysning längs Åvägen',
  'Investering i nytt reningsverk',
  'Riktlinjer för bostadsförsörjning',
  'Taxa för bygglov och planärenden',
  'Yttrande över regional trafikplan',
  'Val av ersättare i valnämnden',
  'Samverkansavtal om räddningstjänst',
  'Policy för informationssäkerhet',
  'Försäljning av fastigheten Ekbacken 3',
  'Föreningsbidrag för 2027',
];

const SENTENCES = [
  'Förvaltningen har tagit fram ett förslag som bygger på de synpunkter som kommit in under remisstiden.',
  'Kostnaden beräknas till 2,4 miljoner kronor och ryms inom befintlig ram för året.',
  'Ärendet har beretts i arbetsutskottet som föreslår att kommunstyrelsen godkänner förslaget.',
  'Av tjänsteskrivelsen framgår att åtgärden bidrar till de mål som kommunfullmäktige har antagit.',
  'Ekonomichefen redogör för de ekonomiska konsekvenserna och för hur uppföljningen ska ske.',
  'Synpunkter har inkommit från föreningar, företagare och enskilda kommuninvånare i Åby och Östra Ängen.',
  'Förslaget innebär att ansvaret fördelas mellan samhällsbyggnadsförvaltningen och den tekniska förvaltningen.',
  'En risk- och konsekvensanalys har genomförts och redovisas i bilaga till ärendet.',
  'Kommunens revisorer har tidigare påtalat behovet av tydligare rutiner inom området.',
  'Barnkonsekvensanalysen visar att förslaget påverkar barn och unga i positiv riktning.',
  'Under överläggningen yrkar flera ledamöter bifall till arbetsutskottets förslag.',
  'Ordföranden ställer proposition på förslaget och finner att kommunstyrelsen bifaller det.',
];

const CLAUSES = [
  'godkänna förslaget i enlighet med tjänsteskrivelsen',
  'uppdra åt förvaltningen att återrapportera utfallet till kommunstyrelsen i maj 2027',
  'finansiera åtgärden inom befintlig budgetram',
  'anta riktlinjerna att gälla från och med den 1 januari 2027',
  'lägga informationen till handlingarna',
  'överlämna ärendet till kommunfullmäktige för beslut',
  'ge kommundirektören i uppdrag att teckna avtal',
];

const MEMBERS = [
  ['Johan Pettersson (M)', 'vice ordförande'],
  ['Maria Öberg-Nilsson (V)', 'ledamot'],
  ['Karin Ekström (S)', 'ledamot'],
  ['Lars Holm (KD)', 'ledamot'],
  ['Fatima Rahimi (L)', 'ledamot'],
  ['Per-Olof Lindgren (SD)', 'ledamot'],
  ['Ingrid Sjöberg (MP)', 'tj ers'],
] as const;

/** A small deterministic generator (mulberry32): the same seed gives the same sequence; tests use it too. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function swedishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The minutes as text markup for samples/render.ts. */
export function minutesText(spec: MinutesSpec): string {
  const rnd = random(spec.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const body = spec.body ?? BENCH_BODY.name;
  const chair = spec.chair ?? BENCH_BODY.chair;
  const adjuster = spec.adjuster ?? BENCH_BODY.adjuster;
  const secretary = spec.secretary ?? BENCH_BODY.secretary;
  const out: string[] = [
    `@header ${body} · Protokoll`,
    `# ${body} den ${swedishDate(spec.date)}`,
    'Tid: Kl. 13.00–15.30',
    'Plats: Kommunhuset, sammanträdesrum Ekan',
    '',
    '## § 1. Sammanträdet öppnas',
    `Ordförande ${chair} öppnar sammanträdet och hälsar alla välkomna.`,
    '',
    '## § 2. Närvarande',
    'Beslutande:',
    `${chair} (S) ordförande\t${MEMBERS[0][0]} ${MEMBERS[0][1]}`,
    `${adjuster} (C)\t${MEMBERS[1][0]}`,
    ...MEMBERS.slice(2).map(([name, role]) => `${name} ${role === 'ledamot' ? '' : role}`.trim()),
    'Tjänstepersoner:',
    `${secretary}, sekreterare`,
    '',
    '## § 3. Val av justerare',
    'Beslut',
    `att jämte ordföranden justera protokollet väljs ${adjuster}.`,
  ];
  for (let n = 4; n < spec.paragraphs + 4; n++) {
    out.push('', `## § ${n}. ${pick(TITLES)}`);
    const sentences = 2 + Math.floor(rnd() * 5);
    out.push(Array.from({ length: sentences }, () => pick(SENTENCES)).join(' '));
    if (rnd() < 0.4) out.push('Förslag till beslut', `att ${pick(CLAUSES)}.`);
    const clauses = 1 + Math.floor(rnd() * 3);
    out.push('Beslut');
    for (let k = 0; k < clauses; k++) out.push(`att ${pick(CLAUSES)}${k < clauses - 1 ? ', och' : '.'}`);
  }
  const last = spec.paragraphs + 4;
  out.push('', `## § ${last}. Sammanträdet avslutas`, 'Ordföranden tackar för visat intresse och avslutar sammanträdet.');
  out.push('', 'Vid protokollet', '', secretary, '', 'Justeras', '', chair, '', adjuster, '');
  return out.join('\n');
}

export async function renderSpec(spec: MinutesSpec): Promise<{ bytes: Uint8Array; pages: number }> {
  const bytes = await renderMinutes(minutesText(spec));
  const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  return { bytes, pages };
}

/**
 * Minutes of exactly `pages` pages: paragraphs are estimated, then adjusted
 * one at a time (a paragraph is a fraction of a page) until the count fits.
 */
export async function generateMinutes(pages: number, date = '2026-11-10', seed = 7): Promise<{ bytes: Uint8Array; pages: number; paragraphs: number }> {
  let paragraphs = Math.max(1, Math.round(pages * 4.6) - 4);
  let result = await renderSpec({ date, paragraphs, seed });
  // Coarse, then fine: never more than a few renders.
  if (result.pages !== pages) {
    paragraphs = Math.max(1, Math.round((paragraphs * pages) / result.pages));
    result = await renderSpec({ date, paragraphs, seed });
  }
  for (let i = 0; i < 40 && result.pages !== pages; i++) {
    paragraphs += result.pages < pages ? 1 : -1;
    result = await renderSpec({ date, paragraphs, seed });
  }
  return { ...result, paragraphs };
}
