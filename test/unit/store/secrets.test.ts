import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyFileSecretBox } from '../../../electron/store/key-file-secret-box';
import type { TempStore } from './temp-store';
import { hostSpec, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

/** Every byte SQLite keeps for the database: the file and its write-ahead log. */
function bytesAtRest(file: string): Buffer {
  const read = (path: string): Buffer => readFileSync(path, { flag: 'r' });
  const parts = [read(file)];
  for (const suffix of ['-wal', '-shm']) {
    try {
      parts.push(read(file + suffix));
    } catch {
      // The log files exist only while a connection has them.
    }
  }
  return Buffer.concat(parts);
}

describe('the flag secret', () => {
  it('is 32 random bytes, made once and the same after reopening', () => {
    const random = (size: number): Buffer => Buffer.alloc(size, 7);
    temp = tempStore({ random });
    const secret = temp.store.secrets.flagSecret();
    temp.store.close();

    expect(secret).toEqual(Buffer.alloc(32, 7));
    expect(temp.reopen({ random: (size) => Buffer.alloc(size, 9) }).secrets.flagSecret()).toEqual(
      secret,
    );
  });

  it('is not made again when the transaction that made it is rolled back', () => {
    let calls = 0;
    temp = tempStore({
      random: (size) => {
        calls += 1;
        return Buffer.alloc(size, calls);
      },
    });
    const { store } = temp;
    expect(() =>
      store.transaction(() => {
        store.secrets.flagSecret();
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');

    const kept = store.secrets.flagSecret();
    expect(store.secrets.flagSecret()).toEqual(kept);
    expect(kept).toEqual(Buffer.alloc(32, 2));
  });
});

describe('secrets at rest', () => {
  it('never leave a TLS key, an SSH key or the flag secret readable in the database files', () => {
    temp = tempStore();
    const box = openKeyFileSecretBox(temp.dir);
    const store = temp.reopen({ secretBox: box, file: `${temp.dir}/sealed.db` });
    const tlsKey = 'TLS-PRIVATE-KEY-MATERIAL-3f9a';
    const sshKey = 'SSH-PRIVATE-KEY-MATERIAL-77c1';
    store.hosts.add(
      hostSpec({
        name: 'TLS lab',
        connection: { kind: 'tls', host: 'lab', key: tlsKey, passphrase: 'pass-tls-91' },
      }),
    );
    store.hosts.add(
      hostSpec({
        name: 'SSH lab',
        connection: { kind: 'ssh', host: 'lab', username: 'ops', privateKey: sshKey },
      }),
    );
    const flagSecret = store.secrets.flagSecret();

    const raw = bytesAtRest(`${temp.dir}/sealed.db`);
    for (const secret of [tlsKey, sshKey, 'pass-tls-91']) expect(raw.includes(secret)).toBe(false);
    expect(raw.includes(flagSecret)).toBe(false);
    expect(raw.includes(flagSecret.toString('base64'))).toBe(false);
    expect(store.hosts.list().map((h) => h.connection)).toMatchObject([
      { key: tlsKey },
      { privateKey: sshKey },
    ]);
  });
});
