// Teams: the roster, with names unique in any letter case and any extra columns kept.
import { BerthError } from '../../shared/errors';
import type { Team, TeamInput } from '../../shared/team';
import { teamInputSchema, teamNameSchema } from '../../shared/team';
import { refuseWhileLive } from './live-instances';
import { isUniqueViolation } from './storage-errors';
import type { StoreContext } from './store-context';
import { nameKey, parseInput, readJson } from './validation';

export interface TeamImport {
  added: Team[];
  skipped: { name: string; reason: string }[];
}

export interface TeamRepository {
  /** Adds a team; a name already used (in any letter case) is a 'conflict' on 'name'. */
  add(input: TeamInput): Team;
  /** Adds many teams in one transaction; bad or duplicate names are skipped with a reason. */
  addMany(inputs: readonly TeamInput[]): TeamImport;
  /** Renames a team; the new name must be free, as for `add`. */
  rename(id: string, name: string): Team;
  /** Deletes a team and its ended instances; refused ('conflict') while any is live. */
  remove(id: string): void;
  get(id: string): Team | null;
  /** The team with this name, in any letter case. */
  getByName(name: string): Team | null;
  /** Every team, in the order they were added. */
  list(): Team[];
}

interface TeamRow {
  id: string;
  name: string;
  extra: string;
  created_at: number;
}

function fromRow(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    extra: readJson(row.extra, 'teams.extra') as Record<string, string>,
    createdAt: row.created_at,
  };
}

function nameTaken(name: string): BerthError {
  return new BerthError('conflict', `A team named ${name} already exists`, { field: 'name' });
}

/** The teams of one store. */
export function createTeamRepository(context: StoreContext): TeamRepository {
  const { db, clock, newId, scope } = context;
  const insert = db.prepare(
    'INSERT INTO teams (id, name, name_key, extra, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const setName = db.prepare('UPDATE teams SET name = ?, name_key = ? WHERE id = ?');
  const byId = db.prepare('SELECT id, name, extra, created_at FROM teams WHERE id = ?');
  const byName = db.prepare('SELECT id, name, extra, created_at FROM teams WHERE name_key = ?');
  const all = db.prepare(
    'SELECT id, name, extra, created_at FROM teams ORDER BY created_at, rowid',
  );
  const remove = db.prepare('DELETE FROM teams WHERE id = ?');

  function get(id: string): Team | null {
    const row = byId.get(id) as TeamRow | undefined;
    return row ? fromRow(row) : null;
  }

  function mustGet(id: string): Team {
    const team = get(id);
    if (!team) throw new BerthError('not-found', `No team with id ${id}`, { field: 'id' });
    return team;
  }

  function getByName(name: string): Team | null {
    const row = byName.get(nameKey(name.trim())) as TeamRow | undefined;
    return row ? fromRow(row) : null;
  }

  function add(input: TeamInput): Team {
    const parsed = parseInput(teamInputSchema, input);
    const team: Team = { id: newId(), name: parsed.name, extra: parsed.extra, createdAt: clock() };
    try {
      insert.run(
        team.id,
        team.name,
        nameKey(team.name),
        JSON.stringify(team.extra),
        team.createdAt,
      );
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken(team.name) : error;
    }
    return team;
  }

  return {
    add,

    addMany(inputs) {
      return scope.write(() => {
        const result: TeamImport = { added: [], skipped: [] };
        for (const input of inputs) {
          const parsed = teamInputSchema.safeParse(input);
          if (!parsed.success) {
            const reason = parsed.error.issues[0]?.message ?? 'Not a team name';
            result.skipped.push({ name: input.name, reason });
          } else if (getByName(parsed.data.name)) {
            result.skipped.push({
              name: parsed.data.name,
              reason: 'A team with this name already exists',
            });
          } else {
            result.added.push(add(parsed.data));
          }
        }
        return result;
      });
    },

    rename(id, name) {
      const parsed = parseInput(teamNameSchema, name, 'name');
      const team = mustGet(id);
      try {
        setName.run(parsed, nameKey(parsed), id);
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken(parsed) : error;
      }
      return { ...team, name: parsed };
    },

    remove(id) {
      scope.write(() => {
        const team = mustGet(id);
        refuseWhileLive(context, 'team_id', id, `Team ${team.name}`);
        remove.run(id);
      });
    },

    get,
    getByName,
    list: () => (all.all() as TeamRow[]).map(fromRow),
  };
}
