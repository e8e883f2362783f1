// Which Docker API version Berth speaks with an engine.
import { BerthError } from '../../shared/errors';

/** The oldest engine API Berth is tested against (Docker Engine 20.10). */
export const oldestApiVersion = '1.41';

/** The newest engine API whose behaviour Berth knows (Docker Engine 27). */
export const newestApiVersion = '1.47';

/** Negative, zero or positive as `a` is older than, equal to or newer than `b` ("1.41" < "1.9" is false). */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}

/** The version to speak: the engine's own or Berth's newest, whichever is older; refuses engines too old. */
export function chooseApiVersion(
  engine: { apiVersion: string; version: string },
  hostName = 'The engine',
): string {
  if (!/^\d+\.\d+$/.test(engine.apiVersion)) {
    throw new BerthError('engine', `${hostName} did not say which API version it speaks.`, {
      engineMessage: `ApiVersion: ${JSON.stringify(engine.apiVersion)}`,
    });
  }
  if (compareApiVersions(engine.apiVersion, oldestApiVersion) < 0) {
    throw new BerthError(
      'engine',
      `${hostName} runs Docker ${engine.version} (API ${engine.apiVersion}); Berth needs API ${oldestApiVersion} (Docker 20.10) or newer.`,
      { engineMessage: `engine API ${engine.apiVersion}, minimum ${oldestApiVersion}` },
    );
  }
  return compareApiVersions(engine.apiVersion, newestApiVersion) < 0
    ? engine.apiVersion
    : newestApiVersion;
}
