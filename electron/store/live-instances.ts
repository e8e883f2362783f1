// Which instances still hold a container and ports, in the SQL the partial indexes are written with.
import { BerthError } from '../../shared/errors';
import { liveStatuses } from '../../shared/instance';
import type { StoreContext } from './store-context';

/** `(status list)` for `status IN ...`; identical to the text of the partial indexes so they apply. */
export const liveStatusSql = `(${liveStatuses.map((status) => `'${status}'`).join(', ')})`;

/** Throws 'conflict' when instances of `what` are live: removing it would orphan running containers. */
export function refuseWhileLive(
  context: StoreContext,
  column: 'challenge_id' | 'team_id' | 'host_id',
  id: string,
  what: string,
): void {
  const live = context.db
    .prepare(`SELECT count(*) FROM instances WHERE ${column} = ? AND status IN ${liveStatusSql}`)
    .pluck()
    .get(id) as number;
  if (live > 0) {
    throw new BerthError(
      'conflict',
      `${what} still has ${live} live instance${live === 1 ? '' : 's'}; remove ${live === 1 ? 'it' : 'them'} first`,
    );
  }
}
