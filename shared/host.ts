// A host: one Docker engine Berth can reach.
import { z } from 'zod';
import { portNumberSchema } from './challenge';

export const portRangeSchema = z
  .object({ start: portNumberSchema, end: portNumberSchema })
  .refine((r) => r.start <= r.end, {
    error: 'The range must start at or below its end',
    path: ['end'],
  });
export type PortRange = z.infer<typeof portRangeSchema>;

const pemOrPath = z.string().max(65536);

export const hostConnectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('socket'), socketPath: z.string().min(1, 'A socket path is needed') }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().min(1, 'An address is needed'),
    port: portNumberSchema.default(2375),
  }),
  z.object({
    kind: z.literal('tls'),
    host: z.string().min(1, 'An address is needed'),
    port: portNumberSchema.default(2376),
    /** PEM text, or a folder laid out like DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem). */
    ca: pemOrPath.default(''),
    cert: pemOrPath.default(''),
    key: pemOrPath.default(''),
    certPath: z.string().default(''),
    passphrase: z.string().default(''),
    /** The name the server certificate must carry when it differs from `host`. */
    servername: z.string().default(''),
  }),
  z.object({
    kind: z.literal('ssh'),
    host: z.string().min(1, 'An address is needed'),
    port: portNumberSchema.default(22),
    username: z.string().min(1, 'A user name is needed'),
    privateKey: pemOrPath.default(''),
    passphrase: z.string().default(''),
  }),
]);
export type HostConnection = z.infer<typeof hostConnectionSchema>;

export const hostInputSchema = z.object({
  name: z.string().trim().min(1, 'A host needs a name').max(60),
  connection: hostConnectionSchema,
  /** The address teams use; shown in connection info. */
  publicAddress: z.string().trim().min(1).max(255).default('127.0.0.1'),
  /** The address ports are published on, on the engine's machine. */
  bindAddress: z.string().trim().min(1).default('127.0.0.1'),
  portRange: portRangeSchema.default({ start: 30000, end: 39999 }),
  capacity: z.number().int().min(1).max(100000).default(500),
  drained: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** On a Swarm manager: services instead of containers. */
  swarm: z.boolean().default(false),
  swarmPublishMode: z.enum(['host', 'ingress']).default('host'),
});
export type HostInput = z.input<typeof hostInputSchema>;
export type HostSpec = z.output<typeof hostInputSchema>;

export interface Host extends HostSpec {
  id: string;
  createdAt: number;
}

export type HostHealth = 'up' | 'down' | 'checking';

export interface HostStatus {
  hostId: string;
  health: HostHealth;
  checkedAt: number;
  version: string | null;
  apiVersion: string | null;
  containersRunning: number | null;
  cpus: number | null;
  memoryBytes: number | null;
  error: string | null;
}
