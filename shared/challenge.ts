// A challenge: the definition an operator launches once per team.
import { z } from 'zod';
import { parseMemory } from './memory';

export const envKeySchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'Environment names use letters, digits and _ and do not start with a digit',
  );

export const portNumberSchema = z
  .number({ error: 'A port is a whole number from 1 to 65535' })
  .int('A port is a whole number from 1 to 65535')
  .min(1, 'A port is a whole number from 1 to 65535')
  .max(65535, 'A port is a whole number from 1 to 65535');

export const portProtocols = ['tcp', 'http'] as const;
export type PortProtocol = (typeof portProtocols)[number];

export const challengePortSchema = z.object({
  port: portNumberSchema,
  protocol: z.enum(portProtocols).default('tcp'),
});
export type ChallengePort = z.infer<typeof challengePortSchema>;

export const memorySchema = z
  .string()
  .refine((text) => parseMemory(text) !== null, 'Write memory as a size like 256m or 1g')
  .refine((text) => (parseMemory(text) ?? 0) >= 6 * 1024 ** 2, 'Memory must be at least 6m');

export const limitsSchema = z.object({
  memory: memorySchema.default('256m'),
  cpus: z
    .number()
    .min(0.01, 'CPUs must be at least 0.01')
    .max(64, 'CPUs must be at most 64')
    .default(0.5),
  pids: z.number().int().min(8, 'Allow at least 8 processes').max(65536).default(128),
});
export type Limits = z.infer<typeof limitsSchema>;

/** Absolute path inside the container, no traversal. */
export const containerPathSchema = z
  .string()
  .regex(/^\/[^\0]*$/, 'A path inside the container starts with /')
  .refine((path) => !path.split('/').includes('..'), 'A path may not contain ..')
  .refine((path) => !path.endsWith('/'), 'A file path may not end with /');

export const flagSettingsSchema = z.object({
  mode: z.enum(['dynamic', 'static']).default('dynamic'),
  /** For dynamic flags: {hmac:N} is replaced by N hex characters derived per team. */
  template: z
    .string()
    .max(200)
    .default('flag{{hmac:16}}')
    .refine(
      (t) => /\{hmac:(\d+)\}/.test(t),
      'A dynamic flag template needs {hmac:N}, for example flag{{hmac:16}}',
    ),
  /** For static flags: the flag itself. */
  value: z.string().max(500).default(''),
  delivery: z.enum(['env', 'file']).default('env'),
  envName: envKeySchema.default('FLAG'),
  filePath: containerPathSchema.default('/flag.txt'),
});
export type FlagSettings = z.infer<typeof flagSettingsSchema>;

/** How deep kept challenge.yml data may nest. */
export const maxDataDepth = 32;

/**
 * True for plain JSON data nested at most `maxDataDepth` deep. Walked without recursion, so a
 * value nested thousands deep, or holding itself (which structured clone allows), is refused
 * instead of overflowing the stack; a BigInt, Date, Map or the like would not survive storage.
 */
export function isJsonData(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (depth >= maxDataDepth || typeof item !== 'object') return false;
    const proto = Object.getPrototypeOf(item) as unknown;
    if (!Array.isArray(item) && proto !== Object.prototype && proto !== null) return false;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return true;
}

export const challengeNameSchema = z
  .string()
  .trim()
  .min(1, 'A challenge needs a name')
  .max(80, 'A challenge name has at most 80 characters')
  .refine((name) => !/[\0\n\r]/.test(name), 'A challenge name is one line');

export const challengeInputSchema = z
  .object({
    name: challengeNameSchema,
    category: z.string().trim().max(60).default(''),
    description: z.string().max(20000).default(''),
    value: z.number().int().min(0).default(0),
    image: z.string().trim().min(1, 'A challenge needs an image'),
    /** Empty: the image's exposed ports, filled in when the challenge is saved. */
    ports: z.array(challengePortSchema).max(16, 'At most 16 ports').default([]),
    env: z.record(envKeySchema, z.string().max(32768)).default({}),
    command: z.array(z.string()).nullable().default(null),
    flag: flagSettingsSchema.default(flagSettingsSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    readOnlyRootfs: z.boolean().default(false),
    lifetimeSeconds: z
      .number()
      .int()
      .min(60, 'A lifetime is at least 60 seconds')
      .max(7 * 86400)
      .default(1800),
    extensionSeconds: z.number().int().min(60).max(86400).default(900),
    maxExtensions: z.number().int().min(0).max(100).default(2),
    /** `{host}` and `{port}` (or `{port:8080}` for a given container port) are filled in per instance. */
    connectionInfo: z.string().max(500).default(''),
    /** Keys from an imported challenge.yml that Berth does not use, kept for export. */
    extra: z
      .record(z.string(), z.unknown())
      .refine(
        isJsonData,
        `Kept keys hold plain data (text, numbers, lists, mappings) nested at most ${maxDataDepth} deep`,
      )
      .default({}),
  })
  .superRefine((challenge, ctx) => {
    const seen = new Set<number>();
    challenge.ports.forEach((p, i) => {
      if (seen.has(p.port))
        ctx.addIssue({
          code: 'custom',
          path: ['ports', i, 'port'],
          message: `Port ${p.port} is listed twice`,
        });
      seen.add(p.port);
    });
    if (challenge.readOnlyRootfs && challenge.flag.delivery === 'file') {
      ctx.addIssue({
        code: 'custom',
        path: ['flag', 'delivery'],
        message:
          'A flag file cannot be written into a read-only root filesystem; deliver it as an environment variable',
      });
    }
    if (challenge.flag.mode === 'static' && challenge.flag.value === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['flag', 'value'],
        message: 'A static flag needs a value',
      });
    }
  });
export type ChallengeInput = z.input<typeof challengeInputSchema>;
export type ChallengeSpec = z.output<typeof challengeInputSchema>;

export interface Challenge extends ChallengeSpec {
  id: string;
  createdAt: number;
  updatedAt: number;
}
