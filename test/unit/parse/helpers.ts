import { linesFromText, parseMinutes } from '../../../shared/minutes/parse';
import type { ParsedMinutes } from '../../../shared/minutes/model';

/** Parses plain text: blank line = paragraph break, "# " = heading. */
export function parse(text: string): ParsedMinutes {
  return parseMinutes(linesFromText(text.replace(/^\n/, '')));
}

/** The lines of a template literal without the indentation the test source gives them. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function parseText(text: string): ParsedMinutes {
  return parse(dedent(text));
}
