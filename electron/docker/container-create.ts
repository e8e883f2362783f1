// The engine's create request for a container spec, and the tar archive that carries its files.
import tar from 'tar-stream';
import { BerthError } from '../../shared/errors';
import type { ContainerFile, ContainerSpec } from './engine-types';

/** The JSON body of POST /containers/create: every setting of the spec, explicitly. */
export function createBody(spec: ContainerSpec): Record<string, unknown> {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp, HostPort: String(port.hostPort) });
  }

  return {
    Image: spec.image,
    Env: Object.entries(spec.env).map(([name, value]) => `${name}=${value}`),
    Labels: spec.labels,
    ...(spec.command === null ? {} : { Cmd: spec.command }),
    Tty: spec.tty ?? false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Memory: spec.memoryBytes,
      // Equal to Memory: no swap on top of the limit.
      MemorySwap: spec.memoryBytes,
      NanoCpus: spec.nanoCpus,
      PidsLimit: spec.pidsLimit,
      ReadonlyRootfs: spec.readOnlyRootfs,
      CapDrop: spec.capDrop,
      CapAdd: spec.capAdd,
      SecurityOpt: spec.noNewPrivileges === false ? [] : ['no-new-privileges:true'],
      RestartPolicy: { Name: spec.restart ?? 'no' },
      // Ports are published on the addresses given, never on all interfaces by default.
      PublishAllPorts: false,
    },
  };
}

/** What may be recorded about a spec: everything except environment values and file contents. */
export function specDetails(spec: ContainerSpec): Record<string, unknown> {
  return {
    image: spec.image,
    envKeys: Object.keys(spec.env),
    labels: spec.labels,
    hasCommand: spec.command !== null,
    ports: spec.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`),
    memoryBytes: spec.memoryBytes,
    nanoCpus: spec.nanoCpus,
    pidsLimit: spec.pidsLimit,
    readOnlyRootfs: spec.readOnlyRootfs,
    capDrop: spec.capDrop,
    capAdd: spec.capAdd,
    noNewPrivileges: spec.noNewPrivileges !== false,
    tty: spec.tty ?? false,
    files: (spec.files ?? []).map((file) => file.path),
  };
}

/** A tar archive (to extract at '/') holding the files at their absolute paths. */
export async function filesArchive(files: ContainerFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const finished = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });

  for (const file of files) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        { name: archivePath(file.path), mode: file.mode ?? 0o644, type: 'file', uid: 0, gid: 0 },
        content,
        (error) => {
          if (error) reject(error);
          else resolve();
        },
      );
    });
  }
  pack.finalize();
  await finished;
  return Buffer.concat(chunks);
}

function archivePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (!path.startsWith('/') || parts.length === 0 || parts.includes('..')) {
    throw new BerthError(
      'invalid-input',
      `${path} is not an absolute file path inside the container.`,
      {
        field: 'files',
      },
    );
  }
  return parts.join('/');
}
