// The fault tests' own engine (test/engine/start-fault-engine.sh), which they may stop and start.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../engine/start-fault-engine.sh', import.meta.url));

/** The fault engine's socket path. */
export const faultEngineSocket = `${process.env.BERTH_FAULT_ENGINE_DIR ?? '/tmp/berth-engine-faults'}/docker.sock`;

/** Starts the fault engine (or finds it running) and returns its address. */
export async function startFaultEngine(): Promise<string> {
  const { stdout } = await run('bash', [script, 'start'], { env: process.env });
  return stdout.trim().split('\n').pop() ?? `unix://${faultEngineSocket}`;
}

/**
 * Stops the fault engine and returns once it is gone, blocking this process meanwhile: from inside
 * a launch, every other request in flight then meets an engine that has stopped.
 */
export function stopFaultEngineNow(): void {
  execFileSync('bash', [script, 'stop'], { env: process.env, stdio: 'ignore' });
}

/** Stops the fault engine as an operator would (SIGTERM) and waits until it is gone. */
export async function stopFaultEngine(): Promise<void> {
  await run('bash', [script, 'stop'], { env: process.env });
}

/** A bare dockerode client on the fault engine, for checking what Berth did. */
export function faultDocker(): Docker {
  return new Docker({ socketPath: faultEngineSocket });
}
