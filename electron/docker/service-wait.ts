// Waiting for a service's task to run, and telling why it does not.
import { BerthError } from '../../shared/errors';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { engineRequest } from './engine-request';
import { taskOf, taskOutcome } from './service-tasks';
import type { ServiceTask } from './service-types';

const pollMs = 250;

/** A task starts in seconds on a small swarm; the deadline leaves room for image extraction. */
export const taskStartDeadlineMs = 90_000;

/** The tasks of one service (by id or name). */
export async function serviceTasks(
  session: EngineSession,
  service: string,
  signal: AbortSignal,
): Promise<ServiceTask[]> {
  const answer = await engineRequest(session.docker(), {
    path: '/tasks',
    method: 'GET',
    query: { filters: { service: [service] } },
    signal,
  });
  return Array.isArray(answer) ? answer.map(taskOf) : [];
}

/**
 * Resolves with the service's running task once the swarm has started one that is not in
 * `earlier`; a failed task, a port another task holds or no node able to take it is a BerthError.
 */
export function waitForTask(
  session: EngineSession,
  service: { id: string; name: string },
  earlier: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ServiceTask> {
  return runCall(
    session,
    {
      action: 'service.wait',
      target: service.name,
      signal,
      read: true,
      deadlineMs: Math.max(session.deadlineMs, taskStartDeadlineMs),
      done: (task) => `A task of service ${service.name} runs on node ${task.nodeId}`,
    },
    async (abortSignal) => {
      for (;;) {
        const outcome = taskOutcome(await serviceTasks(session, service.id, abortSignal), earlier);
        switch (outcome.kind) {
          case 'running':
            return outcome.task;
          case 'failed':
            throw new BerthError(
              'engine',
              `Service ${service.name} could not start on ${session.hostName}; its task ended (the audit log has the swarm's reason).`,
              { engineMessage: outcome.error },
            );
          case 'port-in-use':
            throw new BerthError(
              'port-in-use',
              `A requested port is already in use on ${session.hostName}.`,
              { engineMessage: outcome.error },
            );
          case 'unschedulable':
            throw new BerthError(
              'limit',
              `No node of the swarm behind ${session.hostName} can run service ${service.name} now (the audit log has the scheduler's reason).`,
              { engineMessage: outcome.error },
            );
          case 'waiting':
            await pause(pollMs, abortSignal);
        }
      }
    },
  );
}

/** Resolves once no task of the service runs any more (a stop is done when its ports are free). */
export async function untilStopped(
  session: EngineSession,
  serviceId: string,
  signal: AbortSignal,
): Promise<void> {
  for (;;) {
    const tasks = await serviceTasks(session, serviceId, signal);
    if (!tasks.some((task) => activeStates.has(task.state))) return;
    await pause(pollMs, signal);
  }
}

// States in which a task may hold a container and its ports.
const activeStates = new Set(['assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
