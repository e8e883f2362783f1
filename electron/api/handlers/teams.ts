// teams.*: the roster.
import { BerthError } from '../../../shared/errors';
import type { Team } from '../../../shared/team';
import { parseTeamCsv } from '../../runtime/team-csv';
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

function requireTeam(services: ApiServices, id: string): Team {
  const team = services.store.teams.get(id);
  if (!team) throw new BerthError('not-found', `No team with id ${id}`, { field: 'id' });
  return team;
}

function audit(
  services: ApiServices,
  actor: string,
  action: string,
  target: string,
  message: string,
): void {
  services.store.audit.append({
    actor,
    action,
    hostId: null,
    target,
    outcome: 'ok',
    message,
    engineMessage: '',
    details: {},
  });
}

export function teamHandlers(
  services: ApiServices,
): Pick<
  ApiHandlers,
  'teams.list' | 'teams.add' | 'teams.rename' | 'teams.remove' | 'teams.import'
> {
  const { store } = services;
  return {
    'teams.list': () => store.teams.list(),
    'teams.add': ({ name }, { actor }) => {
      const team = store.teams.add({ name, extra: {} });
      audit(services, actor, 'team.add', team.name, `Added team ${team.name}`);
      return team;
    },
    'teams.rename': ({ id, name }, { actor }) => {
      const before = requireTeam(services, id);
      const team = store.teams.rename(id, name);
      audit(
        services,
        actor,
        'team.rename',
        team.name,
        `Renamed team ${before.name} to ${team.name}`,
      );
      return team;
    },
    'teams.remove': ({ id }, { actor }) => {
      const team = requireTeam(services, id);
      store.teams.remove(id);
      audit(services, actor, 'team.remove', team.name, `Removed team ${team.name}`);
      return { removed: true };
    },
    'teams.import': ({ csv, hasHeader }, { actor }) => {
      const roster = parseTeamCsv(csv, { hasHeader });
      const result = store.teams.addMany(
        roster.teams.map((t) => ({ name: t.name, extra: t.extra ?? {} })),
      );
      const skipped = [...roster.skipped, ...result.skipped];
      audit(
        services,
        actor,
        'team.import',
        `${result.added.length} teams`,
        `Imported ${result.added.length} teams, skipped ${skipped.length}`,
      );
      return { added: result.added.length, skipped };
    },
  };
}
