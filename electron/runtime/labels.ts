// The labels that make the engine alone able to tell what belongs to Berth.

export const labelKeys = {
  managed: 'berth.managed',
  instance: 'berth.instance',
  challenge: 'berth.challenge',
  team: 'berth.team',
  host: 'berth.host',
  expires: 'berth.expires',
} as const;

export interface InstanceLabels {
  instanceId: string;
  challengeId: string;
  teamId: string;
  hostId: string;
  expiresAt: number;
}

/** The labels an instance's container carries. */
export function instanceLabels(labels: InstanceLabels): Record<string, string> {
  return {
    [labelKeys.managed]: 'true',
    [labelKeys.instance]: labels.instanceId,
    [labelKeys.challenge]: labels.challengeId,
    [labelKeys.team]: labels.teamId,
    [labelKeys.host]: labels.hostId,
    [labelKeys.expires]: new Date(labels.expiresAt).toISOString(),
  };
}

/** Reads the labels back; null when the container is not a Berth instance. */
export function readInstanceLabels(
  labels: Record<string, string> | null | undefined,
): InstanceLabels | null {
  if (!labels || labels[labelKeys.managed] !== 'true') return null;
  const instanceId = labels[labelKeys.instance];
  const challengeId = labels[labelKeys.challenge];
  const teamId = labels[labelKeys.team];
  const hostId = labels[labelKeys.host];
  if (!instanceId || !challengeId || !teamId || !hostId) return null;
  const expiresAt = Date.parse(labels[labelKeys.expires] ?? '');
  return {
    instanceId,
    challengeId,
    teamId,
    hostId,
    expiresAt: Number.isNaN(expiresAt) ? 0 : expiresAt,
  };
}
