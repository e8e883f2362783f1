// images.build/load/save/copy/remove/prune, testRuns.*, terminal.*, readiness.*: what challenge
// authors and event staff use before the doors open.
import { applyPrune, applyRemoval, planPrune, planRemoval } from '../../runtime/image-removal';
import { readinessCsv, readinessMarkdown } from '../../runtime/readiness-export';
import type { ApiHandlers } from '../create-api';
import { TerminalSessions } from '../terminal-sessions';
import { defaultHostId } from './default-host';
import type { ApiServices } from './services';

type AuthoringMethods =
  | 'images.build'
  | 'images.cancelBuild'
  | 'images.load'
  | 'images.save'
  | 'images.copy'
  | 'images.cancelTransfer'
  | 'images.jobs'
  | 'images.removePlan'
  | 'images.remove'
  | 'images.prunePlan'
  | 'images.prune'
  | 'testRuns.start'
  | 'testRuns.list'
  | 'testRuns.followLogs'
  | 'testRuns.probe'
  | 'testRuns.exec'
  | 'testRuns.remove'
  | 'terminal.open'
  | 'terminal.input'
  | 'terminal.resize'
  | 'terminal.close'
  | 'readiness.check'
  | 'readiness.export';

export function authoringHandlers(services: ApiServices): Pick<ApiHandlers, AuthoringMethods> {
  const { authoring } = services;
  const { builds, transfers, testRuns, terminals, readiness, context } = authoring;
  const host = (hostId: string | undefined): string => hostId ?? defaultHostId(services);

  return {
    'images.build': ({ hostId, ...input }) => builds.start({ ...input, hostId: host(hostId) }),
    'images.cancelBuild': ({ buildId }) => ({ cancelled: builds.cancel(buildId) }),
    'images.load': ({ hostId, path }) => transfers.load(host(hostId), path),
    'images.save': ({ hostId, refs, path }) => transfers.save(host(hostId), refs, path),
    'images.copy': ({ fromHostId, toHostId, refs }) => transfers.copy(fromHostId, toHostId, refs),
    'images.cancelTransfer': ({ transferId }) => ({ cancelled: transfers.cancel(transferId) }),
    'images.jobs': () => ({ builds: builds.list(), transfers: transfers.list() }),
    'images.removePlan': ({ hostId, refs }) => planRemoval(context, host(hostId), refs),
    'images.remove': ({ hostId, ids }) => applyRemoval(context, host(hostId), ids),
    'images.prunePlan': ({ hostId }) => planPrune(context, host(hostId)),
    'images.prune': ({ hostId, ids }) => applyPrune(context, host(hostId), ids),

    'testRuns.start': ({ hostId, ...input }) => testRuns.start({ ...input, hostId: host(hostId) }),
    'testRuns.list': () => testRuns.list(),
    'testRuns.followLogs': ({ id, tail }) => {
      const run = testRuns.require(id);
      return { streamId: services.logs.followContainer(run.hostId, run.containerId, tail) };
    },
    'testRuns.probe': ({ id }) => testRuns.probe(id),
    'testRuns.exec': ({ id, command }) => testRuns.exec(id, command),
    'testRuns.remove': async ({ id }) => {
      testRuns.require(id);
      terminals.closeOwnedBy(id);
      await testRuns.remove(id);
      return { removed: true as const };
    },

    'terminal.open': async ({ runId, command, cols, rows }) => {
      const run = testRuns.require(runId);
      const sessionId = await terminals.open(context.engineFor(run.hostId), run.containerId, {
        owner: run.id,
        command,
        cols,
        rows,
      });
      return { sessionId };
    },
    'terminal.input': ({ sessionId, data }) => ({ accepted: terminals.input(sessionId, data) }),
    'terminal.resize': async ({ sessionId, cols, rows }) => {
      const resized = await terminals.resize(sessionId, cols, rows);
      if (!resized) throw TerminalSessions.gone();
      return { resized };
    },
    'terminal.close': ({ sessionId }) => ({ closed: terminals.close(sessionId) }),

    'readiness.check': ({ hostIds, challengeIds, trial }) =>
      readiness.check({ hostIds, challengeIds, trial }),
    'readiness.export': ({ reportId, format }) => {
      const report = readiness.get(reportId);
      const stamp = new Date(report.checkedAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      if (format === 'csv') {
        return { text: readinessCsv(report), fileName: `berth-readiness-${stamp}.csv` };
      }
      return { text: readinessMarkdown(report), fileName: `berth-readiness-${stamp}.md` };
    },
  };
}
