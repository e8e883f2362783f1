import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modemOptionsFor, processEnvironment } from '../../../electron/docker/connection';
import { hostConnectionSchema } from '../../../shared/host';

const folder = mkdtempSync(join(tmpdir(), 'berth-hostile-paths-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function tlsWithCa(ca: string) {
  return hostConnectionSchema.parse({ kind: 'tls', host: '127.0.0.1', port: 46990, ca });
}

describe('certificate paths that are not certificate files', () => {
  it.each([
    ['an endless device', '/dev/zero'],
    ['a folder', folder],
  ])('refuses %s as a CA file with a message naming it, without reading it', (_what, path) => {
    expect(() => modemOptionsFor(tlsWithCa(path), processEnvironment({}))).toThrow(
      expect.objectContaining({
        kind: 'invalid-input',
        field: 'connection.ca',
        message: `The CA certificate file ${path} cannot be read.`,
      }),
    );
  });

  it('refuses a named pipe instead of waiting for a writer', () => {
    const fifo = join(folder, 'pipe');
    execFileSync('mkfifo', [fifo]);

    expect(() => modemOptionsFor(tlsWithCa(fifo), processEnvironment({}))).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'connection.ca' }),
    );
  });

  it('refuses a file far larger than any certificate', () => {
    const huge = join(folder, 'huge.pem');
    writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 0x41));

    expect(() => modemOptionsFor(tlsWithCa(huge), processEnvironment({}))).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'connection.ca' }),
    );
  });
});
