import { describe, expect, it } from 'vitest';
import { matchMember } from '../../../shared/domain/names';

const m = (name: string, email = `${name.split(' ')[0]!.toLowerCase()}@example.se`) => ({ name, email, role: 'ledamot' });

describe('matching a name from the minutes against the directory', () => {
  const members = [m('Helena Proos'), m('Eva-Lena Aspetorp'), m('Mikael Andersson Elfgrén'), m('Åsa Johansson'), m('Magnus Johansson', 'a@example.se'), m('Magnus Johansson', 'b@example.se')];
  it.each([
    ['helena proos', 'Helena Proos'],
    ['HELENA PROOS (S)', 'Helena Proos'],
    ['Eva Lena Aspetorp', 'Eva-Lena Aspetorp'],
    ['Eva-Lena Aspetorp', 'Eva-Lena Aspetorp'],
    ['Asa Johansson', 'Åsa Johansson'],
    ['Mikael Elfgrén', 'Mikael Andersson Elfgrén'],
    ['Mikael Andersson Elfgren (M)', 'Mikael Andersson Elfgrén'],
  ])('finds %s', (name, expected) => {
    const r = matchMember(name, members);
    expect(r.kind).toBe('found');
    expect(r.kind === 'found' && r.member.name).toBe(expected);
  });

  it('never chooses between two people with the same name', () => {
    const r = matchMember('Magnus Johansson', members);
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.candidates).toHaveLength(2);
  });

  it('never chooses between two loose matches', () => {
    const r = matchMember('Anna Berg', [m('Anna Maria Berg', 'x@example.se'), m('Anna Lisa Berg', 'y@example.se')]);
    expect(r.kind).toBe('ambiguous');
  });

  it('does not match on a first name or a last name alone', () => {
    expect(matchMember('Helena', members).kind).toBe('unknown');
    expect(matchMember('Proos', members).kind).toBe('unknown');
    expect(matchMember('Helena Pros', members).kind).toBe('unknown');
    expect(matchMember('', members).kind).toBe('unknown');
  });
});
