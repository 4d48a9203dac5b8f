// What `justera parse file.pdf` prints without --json: enough for a secretary to
// see at a glance whether the parser read the minutes right. Labels are Swedish
// with the English word after a slash, so the output serves both.
import type { Attendee, ParsedMinutes } from './model';

const KIND: Record<ParsedMinutes['kind'], string> = {
  protokoll: 'protokoll / minutes',
  minnesanteckningar: 'minnesanteckningar / notes',
};

export function formatSummary(m: ParsedMinutes): string {
  const out: string[] = [];
  const field = (label: string, value: string | null | undefined) => out.push(`${label.padEnd(26)}${value ?? '–'}`);

  field('Typ / kind:', KIND[m.kind]);
  field('Organ / body:', m.body);
  field('Datum / date:', m.date);
  field('Tid / time:', m.time);
  field('Plats / place:', m.place);
  field('Ordförande / chair:', m.chair);
  field('Justerare / adjusters:', m.adjusters.length ? m.adjusters.join(', ') : null);
  field('Sekreterare / secretary:', m.secretary);
  field('Närvarande / attendees:', attendance(m.attendees));

  const decisions = m.items.reduce((n, i) => n + i.decisions.length, 0);
  out.push('', `Ärenden / items: ${m.items.length}, beslut / decisions: ${decisions}`);
  for (const item of m.items) {
    const flag = item.adjustedImmediately ? ' (omedelbart justerad / adjusted at once)' : '';
    out.push(`  ${item.number.padEnd(5)} ${item.title || '(utan rubrik / untitled)'}${flag}`);
    for (const d of item.decisions) out.push(`          – ${oneLine(d)}`);
  }

  if (m.signatures.length) {
    out.push('', 'Underskrifter / existing signatures:');
    for (const s of m.signatures) {
      const when = s.time ?? s.date;
      out.push(`  ${s.name}${s.place ? `, ${s.place}` : ''}${when ? `, ${when}` : ''}`);
    }
  }
  if (m.warnings.length) {
    out.push('', 'Varningar / warnings:');
    for (const w of m.warnings) out.push(`  ! ${w}`);
  }
  return out.join('\n');
}

function attendance(attendees: Attendee[]): string | null {
  if (!attendees.length) return null;
  const count = (pred: (a: Attendee) => boolean) => attendees.filter(pred).length;
  const deciding = count((a) => a.role === 'ordförande' || a.role === 'vice ordförande' || a.role === 'ledamot' || a.role === 'tjänstgörande ersättare');
  const officials = count((a) => a.role === 'tjänsteperson' || a.role === 'sekreterare');
  const parts = [`${attendees.length}`];
  const detail = [`${deciding} beslutande / voting`];
  if (officials) detail.push(`${officials} tjänstepersoner / officials`);
  parts.push(`(${detail.join(', ')})`);
  return parts.join(' ');
}

function oneLine(text: string, max = 110): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
