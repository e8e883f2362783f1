// A team roster from CSV: one team a line, the first column its name, other columns kept.
import { parse } from 'csv-parse/sync';
import { BerthError } from '../../shared/errors';
import type { TeamInput } from '../../shared/team';
import { teamNameSchema } from '../../shared/team';

export interface ParsedRoster {
  teams: TeamInput[];
  skipped: { name: string; reason: string }[];
}

/** Parses roster CSV; bad rows are skipped with a reason, a file that is not CSV is refused. */
export function parseTeamCsv(text: string, options: { hasHeader: boolean }): ParsedRoster {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BerthError(
      'invalid-input',
      `The roster is not valid CSV${line ? ` (line ${line})` : ''}`,
      {
        field: 'csv',
        engineMessage: error instanceof Error ? error.message : '',
      },
    );
  }

  const header = options.hasHeader ? (rows.shift() ?? []) : [];
  const columnName = (index: number): string => header[index] || `column${index + 1}`;
  const teams: TeamInput[] = [];
  const skipped: ParsedRoster['skipped'] = [];
  const seen = new Set<string>();

  for (const row of rows) {
    const [rawName = '', ...rest] = row;
    const name = teamNameSchema.safeParse(rawName);
    if (!name.success) {
      skipped.push({ name: rawName, reason: name.error.issues[0]?.message ?? 'Not a team name' });
      continue;
    }
    const key = name.data.toLocaleLowerCase();
    if (seen.has(key)) {
      skipped.push({ name: name.data, reason: 'Listed twice in the file' });
      continue;
    }
    seen.add(key);
    const extra = Object.fromEntries(rest.map((value, i) => [columnName(i + 1), value]));
    teams.push({ name: name.data, extra });
  }
  return { teams, skipped };
}
