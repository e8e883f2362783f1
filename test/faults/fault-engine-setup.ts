// Vitest global setup of the fault suites: their own engine runs next to the shared one.
import { startFaultEngine } from './fault-engine';

export async function setup(): Promise<void> {
  try {
    process.env.BERTH_FAULT_DOCKER_HOST = await startFaultEngine();
  } catch (error) {
    throw new Error(`The fault test engine could not be started: ${String(error)}`, {
      cause: error,
    });
  }
}
