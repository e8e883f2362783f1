// The challenge form's values as typed, and their conversion to a ChallengeInput the API accepts.
import type { Challenge, ChallengeInput, PortProtocol } from '../../shared/challenge';
import { challengeInputSchema, envKeySchema } from '../../shared/challenge';
import type { FieldErrors } from '../lib/field-errors';
import { numberField, validate } from '../lib/field-errors';

export interface PortRow {
  port: string;
  protocol: PortProtocol;
}

export interface EnvRow {
  key: string;
  value: string;
}

export interface ChallengeFormValues {
  name: string;
  category: string;
  description: string;
  value: string;
  image: string;
  ports: PortRow[];
  env: EnvRow[];
  /** One argument a line; blank keeps the image's own command. */
  command: string;
  flagMode: 'dynamic' | 'static';
  flagTemplate: string;
  flagValue: string;
  flagDelivery: 'env' | 'file';
  flagEnvName: string;
  flagFilePath: string;
  memory: string;
  cpus: string;
  pids: string;
  readOnlyRootfs: boolean;
  lifetimeSeconds: string;
  extensionSeconds: string;
  maxExtensions: string;
  connectionInfo: string;
  /** Keys from an imported challenge.yml Berth keeps for export; not edited here. */
  extra: Record<string, unknown>;
}

/** The form for a new challenge, with the same defaults the schema applies. */
export function emptyChallengeForm(prefill: { image?: string } = {}): ChallengeFormValues {
  return {
    name: '',
    category: '',
    description: '',
    value: '0',
    image: prefill.image ?? '',
    ports: [],
    env: [],
    command: '',
    flagMode: 'dynamic',
    flagTemplate: 'flag{{hmac:16}}',
    flagValue: '',
    flagDelivery: 'env',
    flagEnvName: 'FLAG',
    flagFilePath: '/flag.txt',
    memory: '256m',
    cpus: '0.5',
    pids: '128',
    readOnlyRootfs: false,
    lifetimeSeconds: '1800',
    extensionSeconds: '900',
    maxExtensions: '2',
    connectionInfo: '',
    extra: {},
  };
}

/** The form filled from a saved challenge. */
export function challengeFormFrom(challenge: Challenge): ChallengeFormValues {
  return {
    name: challenge.name,
    category: challenge.category,
    description: challenge.description,
    value: String(challenge.value),
    image: challenge.image,
    ports: challenge.ports.map((p) => ({ port: String(p.port), protocol: p.protocol })),
    env: Object.entries(challenge.env).map(([key, value]) => ({ key, value })),
    command: challenge.command ? challenge.command.join('\n') : '',
    flagMode: challenge.flag.mode,
    flagTemplate: challenge.flag.template,
    flagValue: challenge.flag.value,
    flagDelivery: challenge.flag.delivery,
    flagEnvName: challenge.flag.envName,
    flagFilePath: challenge.flag.filePath,
    memory: challenge.limits.memory,
    cpus: String(challenge.limits.cpus),
    pids: String(challenge.limits.pids),
    readOnlyRootfs: challenge.readOnlyRootfs,
    lifetimeSeconds: String(challenge.lifetimeSeconds),
    extensionSeconds: String(challenge.extensionSeconds),
    maxExtensions: String(challenge.maxExtensions),
    connectionInfo: challenge.connectionInfo,
    extra: challenge.extra,
  };
}

function envErrors(rows: readonly EnvRow[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    const parsed = envKeySchema.safeParse(key);
    if (!parsed.success)
      errors[`env.${index}.key`] = parsed.error.issues[0]?.message ?? 'Not a name';
    else if (seen.has(key)) errors[`env.${index}.key`] = `${key} is set twice`;
    seen.add(key);
  });
  return errors;
}

function commandOf(text: string): string[] | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length === 0 ? null : lines;
}

/** The ChallengeInput the form describes, or the message for each field that is wrong. */
export function challengeInputFrom(
  values: ChallengeFormValues,
): { ok: true; input: ChallengeInput } | { ok: false; errors: FieldErrors } {
  const numbers: Record<string, string> = {
    value: values.value,
    'limits.cpus': values.cpus,
    'limits.pids': values.pids,
    lifetimeSeconds: values.lifetimeSeconds,
    extensionSeconds: values.extensionSeconds,
    maxExtensions: values.maxExtensions,
  };
  values.ports.forEach((row, index) => {
    numbers[`ports.${index}.port`] = row.port;
  });

  const candidate = {
    name: values.name,
    category: values.category,
    description: values.description,
    value: numberField(values.value),
    image: values.image,
    ports: values.ports.map((row) => ({ port: numberField(row.port), protocol: row.protocol })),
    env: Object.fromEntries(values.env.map((row) => [row.key.trim(), row.value])),
    command: commandOf(values.command),
    flag: {
      mode: values.flagMode,
      template:
        values.flagMode === 'static' && values.flagTemplate === ''
          ? undefined
          : values.flagTemplate,
      value: values.flagValue,
      delivery: values.flagDelivery,
      envName: values.flagEnvName.trim(),
      filePath: values.flagFilePath.trim(),
    },
    limits: {
      memory: values.memory.trim(),
      cpus: numberField(values.cpus),
      pids: numberField(values.pids),
    },
    readOnlyRootfs: values.readOnlyRootfs,
    lifetimeSeconds: numberField(values.lifetimeSeconds),
    extensionSeconds: numberField(values.extensionSeconds),
    maxExtensions: numberField(values.maxExtensions),
    connectionInfo: values.connectionInfo,
    extra: values.extra,
  };

  const result = validate(challengeInputSchema, candidate);
  const errors: FieldErrors = { ...envErrors(values.env) };
  if (!result.ok) {
    for (const [path, message] of Object.entries(result.errors)) {
      if (!path.startsWith('env')) errors[path] ??= message;
    }
  }
  for (const [path, text] of Object.entries(numbers)) {
    if (Number.isNaN(numberField(text))) errors[path] = 'Write a number';
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: result.value };
}
