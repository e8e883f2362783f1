import { describe, expect, it } from 'vitest';
import { parseTeamCsv } from '../../../electron/runtime/team-csv';

describe('roster CSV import', () => {
  it('takes one team a line and keeps the other columns', () => {
    const roster = parseTeamCsv('name,country,email\nRocket,FR,a@b.c\n"Ducks, Inc.",DE,\n', {
      hasHeader: true,
    });
    expect(roster.teams).toEqual([
      { name: 'Rocket', extra: { country: 'FR', email: 'a@b.c' } },
      { name: 'Ducks, Inc.', extra: { country: 'DE', email: '' } },
    ]);
  });

  it('keeps unicode names and skips duplicates and blanks with a reason', () => {
    const roster = parseTeamCsv('战队\nrocket\nRocket\n""\n', { hasHeader: false });
    expect(roster.teams.map((t) => t.name)).toEqual(['战队', 'rocket']);
    expect(roster.skipped).toEqual([
      { name: 'Rocket', reason: 'Listed twice in the file' },
      { name: '', reason: 'A team needs a name' },
    ]);
  });

  it('refuses text that is not CSV with the line', () => {
    expect(() => parseTeamCsv('a\n"unclosed\n', { hasHeader: false })).toThrow(/not valid CSV/);
  });
});
