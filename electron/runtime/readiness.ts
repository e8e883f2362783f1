// The event readiness check: for every challenge on every enabled host, is the image there (the
// same image everywhere), do its ports match, is there room in the port range and in memory for
// every team, and does a trial instance start and answer?
import type {
  ReadinessCell,
  ReadinessHost,
  ReadinessReport,
  ReadinessRow,
} from '../../shared/authoring';
import type { Challenge } from '../../shared/challenge';
import { BerthError, isBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { AuthoringContext } from './authoring-engine';
import { newId } from './authoring-engine';
import type { HeldImage } from './readiness-checks';
import {
  fail,
  imageCheck,
  memoryCheck,
  memoryPerInstance,
  portRangeCheck,
  portsCheck,
  skipped,
} from './readiness-checks';
import { trialCheck } from './readiness-trial';

/** Reports kept for export. */
const keptReports = 10;

export interface ReadinessInput {
  /** Enabled hosts when absent. */
  hostIds?: string[] | undefined;
  /** Every challenge when absent. */
  challengeIds?: string[] | undefined;
  /** Start a trial instance of each challenge on each host. */
  trial: boolean;
}

interface HostFacts {
  host: Host;
  memoryBytes: number | null;
  /** Why the host could not be asked; null when it answered. */
  unreachable: string | null;
  images: Map<string, HeldImage | null>;
}

export class Readiness {
  private readonly reports = new Map<string, ReadinessReport>();

  constructor(
    private readonly context: AuthoringContext,
    /** Settles when trials may start: no sweep of leftover containers is running. */
    private readonly beforeTrials: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Runs every check and keeps the report for export. */
  async check(input: ReadinessInput): Promise<ReadinessReport> {
    const hosts = this.hosts(input.hostIds);
    const challenges = this.challenges(input.challengeIds);
    const teams = this.context.store.teams.list().length;

    const facts = await Promise.all(hosts.map((host) => this.factsOf(host, challenges)));
    const rows: ReadinessRow[] = challenges.map((challenge) => ({
      challengeId: challenge.id,
      challengeName: challenge.name,
      image: challenge.image,
      cells: facts.map((fact) => this.cellOf(challenge, fact, facts, teams)),
    }));
    if (input.trial) {
      await this.beforeTrials();
      await this.runTrials(challenges, facts, rows);
    }

    const hostRows = facts.map((fact) => this.hostOf(fact, challenges, teams));
    for (const row of rows) {
      for (const cell of row.cells) {
        cell.ok = Object.values(cell.checks).every((check) => check.status !== 'fail');
      }
    }
    const report: ReadinessReport = {
      id: newId(this.context),
      checkedAt: this.context.clock.now(),
      teams,
      ok:
        rows.every((row) => row.cells.every((cell) => cell.ok)) &&
        hostRows.every((host) => host.ports.status !== 'fail' && host.memory.status !== 'fail'),
      hosts: hostRows,
      rows,
    };
    this.keep(report);
    return report;
  }

  /** A report checked earlier, or not-found. */
  get(id: string): ReadinessReport {
    const report = this.reports.get(id);
    if (!report) {
      throw new BerthError('not-found', 'That readiness report is gone; run the check again', {
        field: 'reportId',
      });
    }
    return report;
  }

  private hosts(ids: string[] | undefined): Host[] {
    const enabled = this.context.store.hosts.list().filter((host) => host.enabled);
    if (ids === undefined) return enabled;
    return ids.map((id) => {
      const host = enabled.find((h) => h.id === id);
      if (!host) {
        throw new BerthError('not-found', `No enabled host with id ${id}`, { field: 'hostIds' });
      }
      return host;
    });
  }

  private challenges(ids: string[] | undefined): Challenge[] {
    const all = this.context.store.challenges.list();
    if (ids === undefined) return all;
    return ids.map((id) => {
      const challenge = all.find((c) => c.id === id);
      if (!challenge) {
        throw new BerthError('not-found', `No challenge with id ${id}`, { field: 'challengeIds' });
      }
      return challenge;
    });
  }

  private async factsOf(host: Host, challenges: Challenge[]): Promise<HostFacts> {
    const engine = this.context.engineFor(host.id);
    const facts: HostFacts = { host, memoryBytes: null, unreachable: null, images: new Map() };
    try {
      facts.memoryBytes = (await engine.info()).memoryBytes;
    } catch (error) {
      facts.unreachable = isBerthError(error) ? error.message : `${host.name} did not answer`;
      return facts;
    }
    for (const challenge of challenges) {
      if (facts.images.has(challenge.image)) continue;
      const image = await engine.inspectImage(challenge.image).catch((error: unknown) => {
        if (isBerthError(error, 'not-found') || isBerthError(error, 'invalid-input')) return null;
        throw error;
      });
      facts.images.set(
        challenge.image,
        image === null ? null : { id: image.id, exposedPorts: image.exposedPorts },
      );
    }
    return facts;
  }

  private cellOf(
    challenge: Challenge,
    fact: HostFacts,
    all: HostFacts[],
    teams: number,
  ): ReadinessCell {
    const { host } = fact;
    if (fact.unreachable !== null) {
      const down = fail(fact.unreachable);
      return {
        hostId: host.id,
        ok: false,
        checks: { image: down, ports: down, portRange: down, memory: down, trial: down },
      };
    }
    const held = new Map(
      all
        .filter((other) => other.unreachable === null)
        .map((other) => [other.host.id, other.images.get(challenge.image) ?? null]),
    );
    const names = new Map(all.map((other) => [other.host.id, other.host.name]));
    const image = held.get(host.id) ?? null;
    return {
      hostId: host.id,
      ok: false,
      checks: {
        image: imageCheck(challenge, host, held, names),
        ports: portsCheck(challenge, image),
        portRange: portRangeCheck(
          host,
          { teams, portsPerTeam: challenge.ports.length },
          this.reservedBesides(host, new Set([challenge.id])),
        ),
        memory: memoryCheck(host.name, fact.memoryBytes, {
          teams,
          bytesPerTeam: memoryPerInstance(challenge),
        }),
        trial: skipped('Not run: no trial instance was asked for'),
      },
    };
  }

  private async runTrials(
    challenges: Challenge[],
    facts: HostFacts[],
    rows: ReadinessRow[],
  ): Promise<void> {
    // Hosts in parallel, one trial at a time on each: a trial must not compete with another for ports.
    await Promise.all(
      facts.map(async (fact, column) => {
        if (fact.unreachable !== null) return;
        const engine = this.context.engineFor(fact.host.id);
        for (const [index, challenge] of challenges.entries()) {
          const cell = rows[index]?.cells[column];
          if (cell === undefined) continue;
          cell.checks.trial =
            cell.checks.image.status === 'pass'
              ? await trialCheck(this.context, engine, challenge, fact.host)
              : skipped('Not run: the image is not right on this host');
        }
      }),
    );
  }

  private hostOf(fact: HostFacts, challenges: Challenge[], teams: number): ReadinessHost {
    const { host } = fact;
    const portsPerTeam = challenges.reduce((sum, c) => sum + c.ports.length, 0);
    const bytesPerTeam = challenges.reduce((sum, c) => sum + memoryPerInstance(c), 0);
    const down = fact.unreachable === null ? null : fail(fact.unreachable);
    return {
      hostId: host.id,
      hostName: host.name,
      reachable: down === null,
      memoryBytes: fact.memoryBytes,
      portRange: { start: host.portRange.start, end: host.portRange.end },
      ports:
        down ??
        portRangeCheck(
          host,
          { teams, portsPerTeam },
          this.reservedBesides(host, new Set(challenges.map((c) => c.id))),
        ),
      memory: down ?? memoryCheck(host.name, fact.memoryBytes, { teams, bytesPerTeam }),
    };
  }

  /** Ports in the host's range held by anything but live instances of the given challenges. */
  private reservedBesides(host: Host, challengeIds: Set<string>): number {
    const { start, end } = host.portRange;
    return this.context.store.ports.listForHost(host.id).filter((reservation) => {
      if (reservation.port < start || reservation.port > end) return false;
      if (reservation.instanceId === null) return true;
      const instance = this.context.store.instances.get(reservation.instanceId);
      return !instance || !challengeIds.has(instance.challengeId);
    }).length;
  }

  private keep(report: ReadinessReport): void {
    this.reports.set(report.id, report);
    for (const id of [...this.reports.keys()].slice(
      0,
      Math.max(0, this.reports.size - keptReports),
    )) {
      this.reports.delete(id);
    }
  }
}
