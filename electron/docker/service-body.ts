// The engine's create request for a service spec, and what of it may be recorded.
import { compareApiVersions } from './api-version';
import type { ServiceSecretFile, ServiceSpec } from './service-types';

/** The API version from which a service's containers can be denied new privileges. */
export const noNewPrivilegesApiVersion = '1.44';

/** A secret made for one file of a service, as the engine named it. */
export interface CreatedSecret {
  id: string;
  name: string;
  file: ServiceSecretFile;
}

/** The name of the secret with a service's `index`th file: unique, within 64 characters. */
export function secretName(serviceName: string, index: number): string {
  return `${serviceName.slice(0, 58)}-f${index}`;
}

/** True when the engine's API can set no-new-privileges on a service's containers. */
export function canDenyNewPrivileges(apiVersion: string): boolean {
  return compareApiVersions(apiVersion, noNewPrivilegesApiVersion) >= 0;
}

/** The JSON body of POST /services/create: one replica, every limit and label of the spec. */
export function createServiceBody(
  spec: ServiceSpec,
  apiVersion: string,
  secrets: CreatedSecret[],
): Record<string, unknown> {
  const containerSpec: Record<string, unknown> = {
    Image: spec.image,
    Labels: spec.labels,
    ...(spec.command === null ? {} : { Args: spec.command }),
    Env: Object.entries(spec.env).map(([name, value]) => `${name}=${value}`),
    ReadOnly: spec.readOnlyRootfs,
    CapabilityDrop: spec.capDrop,
    CapabilityAdd: spec.capAdd,
    StopGracePeriod: (spec.stopGraceSeconds ?? 2) * 1e9,
    Secrets: secrets.map((secret) => ({
      File: { Name: secret.file.path, UID: '0', GID: '0', Mode: secret.file.mode ?? 0o444 },
      SecretID: secret.id,
      SecretName: secret.name,
    })),
  };
  if (spec.noNewPrivileges && canDenyNewPrivileges(apiVersion)) {
    containerSpec.Privileges = { NoNewPrivileges: true };
  }

  return {
    Name: spec.name,
    Labels: spec.labels,
    TaskTemplate: {
      ContainerSpec: containerSpec,
      Resources: {
        Limits: { NanoCPUs: spec.nanoCpus, MemoryBytes: spec.memoryBytes, Pids: spec.pidsLimit },
      },
      // A crashing task is tried again a few times, and a lost node's task is placed elsewhere.
      RestartPolicy: { Condition: 'on-failure', Delay: 2e9, MaxAttempts: 3 },
      ForceUpdate: 0,
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: {
      Ports: spec.ports.map((port) => ({
        Protocol: port.protocol,
        TargetPort: port.containerPort,
        PublishedPort: port.hostPort,
        PublishMode: spec.publishMode,
      })),
    },
  };
}

/** The JSON body of POST /secrets/create for one file. */
export function createSecretBody(
  name: string,
  labels: Record<string, string>,
  file: ServiceSecretFile,
): Record<string, unknown> {
  return { Name: name, Labels: labels, Data: Buffer.from(file.content).toString('base64') };
}

/** What may be recorded about a service spec: all but environment values and file contents. */
export function serviceDetails(spec: ServiceSpec, apiVersion: string): Record<string, unknown> {
  return {
    image: spec.image,
    envKeys: Object.keys(spec.env),
    labels: spec.labels,
    hasCommand: spec.command !== null,
    ports: spec.ports.map((p) => `${p.hostPort}->${p.containerPort}/${p.protocol}`),
    publishMode: spec.publishMode,
    memoryBytes: spec.memoryBytes,
    nanoCpus: spec.nanoCpus,
    pidsLimit: spec.pidsLimit,
    readOnlyRootfs: spec.readOnlyRootfs,
    capDrop: spec.capDrop,
    capAdd: spec.capAdd,
    noNewPrivileges: spec.noNewPrivileges && canDenyNewPrivileges(apiVersion),
    files: (spec.secretFiles ?? []).map((file) => file.path),
  };
}
