// Input schemas of the authoring methods: builds, image lists, test-runs, terminals, readiness.
import { z } from 'zod';
import { challengePortSchema, envKeySchema } from './challenge';

const hostChoice = z.string().min(1).max(100).optional();

export const imageRefsSchema = z
  .array(z.string().trim().min(1, 'An image is needed').max(512))
  .min(1, 'Choose at least one image')
  .max(100, 'At most 100 images at once');

export const imageIdsSchema = z
  .array(z.string().trim().min(1).max(200))
  .min(1, 'Choose at least one image')
  .max(1000, 'At most 1000 images at once');

const buildArgNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A build argument name uses letters, digits and _');

export const buildInputSchema = z.object({
  hostId: hostChoice,
  /** The challenge folder, an absolute path on the machine Berth runs on. */
  contextDir: z.string().min(1, 'A challenge folder is needed').max(4096),
  dockerfile: z.string().min(1).max(1024).default('Dockerfile'),
  tag: z.string().trim().min(1, 'A tag is needed').max(512),
  buildArgs: z.record(buildArgNameSchema, z.string().max(32768)).default({}),
  labels: z.record(z.string().min(1).max(256), z.string().max(4096)).default({}),
  /** A stage of a multi-stage Dockerfile. */
  target: z.string().trim().min(1).max(256).optional(),
  noCache: z.boolean().default(false),
});

export const testRunInputSchema = z.object({
  hostId: hostChoice,
  image: z.string().trim().min(1, 'An image is needed').max(512),
  /** The image's exposed ports (probed as tcp) when absent. */
  ports: z.array(challengePortSchema).max(16, 'At most 16 ports').optional(),
  command: z.array(z.string().max(4096)).max(64).nullable().optional(),
  env: z.record(envKeySchema, z.string().max(32768)).optional(),
});

export const terminalSizeSchema = z.object({
  cols: z.number().int().min(2).max(1000).default(80),
  rows: z.number().int().min(2).max(1000).default(24),
});

export const readinessInputSchema = z
  .object({
    hostIds: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    challengeIds: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
    /** Start a trial instance of each challenge on each host (slower). */
    trial: z.boolean().default(true),
  })
  .default({ trial: true });
