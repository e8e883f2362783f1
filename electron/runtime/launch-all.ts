// Launching a challenge for every team of the roster, a few at a time, with progress per team.
import { randomUUID } from 'node:crypto';
import { toBerthError } from '../../shared/errors';
import type { LaunchAllResult, LaunchOutcome } from '../../shared/views';
import type { RuntimeContext } from './context';
import { launchInstance } from './launch';

/** How many launches of one batch run at once. */
export const launchConcurrency = 8;

/** Launches for every team; one team's failure is its own outcome and does not stop the others. */
export async function launchForAllTeams(
  context: RuntimeContext,
  request: { challengeId: string; hostId?: string | undefined; actor: string },
): Promise<LaunchAllResult> {
  const batchId = randomUUID();
  const teams = context.store.teams.list();
  const outcomes: LaunchOutcome[] = new Array<LaunchOutcome>(teams.length);
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    for (let index = next++; index < teams.length; index = next++) {
      const team = teams[index];
      if (!team) continue;
      let outcome: LaunchOutcome;
      try {
        outcome = await launchInstance(context, {
          challengeId: request.challengeId,
          team: team.id,
          hostId: request.hostId,
          actor: request.actor,
        });
      } catch (error) {
        outcome = {
          teamId: team.id,
          teamName: team.name,
          instance: null,
          error: toBerthError(error).toInfo(),
          existing: false,
        };
      }
      outcomes[index] = outcome;
      done += 1;
      context.publish('launch.progress', {
        batchId,
        challengeId: request.challengeId,
        done,
        total: teams.length,
        outcome,
      });
    }
  };

  await Promise.all(Array.from({ length: Math.min(launchConcurrency, teams.length) }, worker));
  return { batchId, outcomes };
}
