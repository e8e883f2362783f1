// Finding a team the way operators and scripts name it.
import { BerthError } from '../../shared/errors';
import type { Team } from '../../shared/team';
import type { Store } from '../store/database';

/** The team with this id, or else with exactly this name; not-found otherwise. */
export function resolveTeam(store: Store, idOrName: string): Team {
  const team = store.teams.get(idOrName) ?? store.teams.getByName(idOrName.trim());
  if (!team) throw new BerthError('not-found', `No team is called ${idOrName}`, { field: 'team' });
  return team;
}
