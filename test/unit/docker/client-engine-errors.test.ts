import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import type { ErrorKind } from '../../../shared/errors';
import { classifyEngineError, engineTextOf } from '../../../electron/docker/engine-errors';

// The shape docker-modem rejects with for an HTTP answer it does not accept.
function engineError(statusCode: number, json: unknown, reason?: string): Error {
  const text =
    typeof json === 'object' && json !== null && !Buffer.isBuffer(json)
      ? String((json as { message?: unknown }).message)
      : String(json);
  return Object.assign(
    new Error(`(HTTP code ${statusCode}) ${reason ?? 'unexpected'} - ${text} `),
    { statusCode, json, reason },
  );
}

// The shape Node's sockets and TLS reject with.
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function abortError(causeName: 'TimeoutError' | 'AbortError'): Error {
  const cause = new DOMException('aborted', causeName);
  return Object.assign(new Error('The operation was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
    cause,
  });
}

const context = { action: 'container.start', target: 'berth-web-t1', hostName: 'lab-2' };

interface Row {
  case: string;
  error: unknown;
  action?: string;
  secure?: boolean;
  kind: ErrorKind;
  message: RegExp;
}

const rows: Row[] = [
  {
    case: 'a missing container with its body as an object',
    error: engineError(404, { message: 'No such container: berth-web-t1' }, 'no such container'),
    kind: 'not-found',
    message: /^Container berth-web-t1 was not found on lab-2\.$/,
  },
  {
    case: 'a missing image with its body as a Buffer and no reason',
    error: engineError(404, Buffer.from('{"message":"No such image: ctf/web:latest"}\n')),
    action: 'container.create',
    kind: 'not-found',
    message: /^Image ctf\/web:latest was not found on lab-2\.$/,
  },
  {
    case: 'a missing image with its body as a JSON string',
    error: engineError(404, '{"message":"No such image: ctf/web:2.0"}'),
    action: 'image.inspect',
    kind: 'not-found',
    message: /^Image ctf\/web:2\.0 was not found/,
  },
  {
    case: 'a 404 with no body at all',
    error: engineError(404, null),
    action: 'image.inspect',
    kind: 'not-found',
    message: /^Image berth-web-t1 was not found on lab-2\.$/,
  },
  {
    case: 'a name already in use',
    error: engineError(
      409,
      {
        message:
          'Conflict. The container name "/berth-x" is already in use by container "4f1c". You have to remove (or rename) that container to be able to reuse that name.',
      },
      undefined,
    ),
    action: 'container.create',
    kind: 'conflict',
    message: /^Container name berth-x is already in use on lab-2\.$/,
  },
  {
    case: 'a removal already in progress',
    error: engineError(409, { message: 'removal of container 4f1c is already in progress' }),
    action: 'container.remove',
    kind: 'already-in-state',
    message: /already being removed on lab-2/,
  },
  {
    case: 'a command in a stopped container',
    error: engineError(409, { message: 'Container 4f1c is not running' }),
    action: 'container.exec',
    kind: 'conflict',
    message: /is not running on lab-2/,
  },
  {
    case: 'a stop of a stopped container (304, empty body)',
    error: engineError(304, Buffer.alloc(0), 'container already stopped'),
    action: 'container.stop',
    kind: 'already-in-state',
    message: /^Container berth-web-t1 is already stopped on lab-2\.$/,
  },
  {
    case: 'a start of a running container (304)',
    error: engineError(304, null),
    kind: 'already-in-state',
    message: /already running/,
  },
  {
    case: 'a port already allocated by another container',
    error: engineError(500, {
      message:
        'driver failed programming external connectivity on endpoint berth-x (ab12): Bind for 127.0.0.1:41001 failed: port is already allocated',
    }),
    kind: 'port-in-use',
    message: /^Port 41001 is already in use on lab-2\.$/,
  },
  {
    case: 'a port held by another program',
    error: engineError(500, {
      message:
        'driver failed programming external connectivity on endpoint berth-x (ab12): Error starting userland proxy: listen tcp4 127.0.0.1:41002: bind: address already in use',
    }),
    kind: 'port-in-use',
    message: /^Port 41002 is already in use/,
  },
  {
    case: 'a port in use said the Docker Desktop way',
    error: engineError(500, {
      message:
        'Ports are not available: exposing port TCP 127.0.0.1:41003 -> 0.0.0.0:0: listen tcp 127.0.0.1:41003: bind: address already in use',
    }),
    kind: 'port-in-use',
    message: /^Port 41003 is already in use/,
  },
  {
    case: 'a port in use without a port number',
    error: engineError(500, 'port is already allocated'),
    kind: 'port-in-use',
    message: /^A requested port is already in use on lab-2\.$/,
  },
  {
    case: 'a bad parameter',
    error: engineError(400, { message: 'invalid reference format' }),
    action: 'container.create',
    kind: 'invalid-input',
    message: /rejected the request to create container berth-web-t1/,
  },
  {
    case: 'a read-only root filesystem refusing files',
    error: engineError(500, { message: 'container rootfs is marked read-only' }),
    action: 'container.put-file',
    kind: 'invalid-input',
    message: /read-only root filesystem on lab-2; files cannot be put into it/,
  },
  {
    case: 'a command that cannot start',
    error: engineError(400, {
      message:
        'OCI runtime create failed: runc create failed: unable to start container process: exec: "/nope": stat /nope: no such file or directory: unknown',
    }),
    kind: 'engine',
    message: /could not start on lab-2/,
  },
  {
    case: 'any other server error',
    error: engineError(500, { message: 'devmapper: Thin Pool has 0 free data blocks' }),
    kind: 'engine',
    message:
      /^The engine on lab-2 failed to start container berth-web-t1; the audit log has its reason\.$/,
  },
  {
    case: 'a refused connection',
    error: systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.2:2375'),
    kind: 'unreachable',
    message: /^lab-2 refused the connection/,
  },
  {
    case: 'a missing socket',
    error: systemError('ENOENT', 'connect ENOENT /var/run/docker.sock'),
    kind: 'unreachable',
    message: /no Docker socket/,
  },
  {
    case: 'a socket without permission',
    error: systemError('EACCES', 'connect EACCES /var/run/docker.sock'),
    kind: 'unreachable',
    message: /may not open the Docker socket/,
  },
  {
    case: 'an unreachable host',
    error: systemError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.2:2376'),
    kind: 'unreachable',
    message: /cannot be reached/,
  },
  {
    case: 'a reset connection',
    error: systemError('ECONNRESET', 'read ECONNRESET'),
    kind: 'unreachable',
    message: /cannot be reached/,
  },
  {
    case: 'an unknown host name',
    error: systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND lab-2.example'),
    kind: 'unreachable',
    message: /cannot be resolved/,
  },
  {
    case: 'a socket timeout',
    error: systemError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.2:2376'),
    kind: 'timeout',
    message: /^lab-2 did not answer in time to start container berth-web-t1\.$/,
  },
  {
    case: 'a deadline abort',
    error: abortError('TimeoutError'),
    kind: 'timeout',
    message: /did not answer in time/,
  },
  {
    case: "a caller's abort",
    error: abortError('AbortError'),
    kind: 'cancelled',
    message: /^The request to start container berth-web-t1 was cancelled\.$/,
  },
  {
    case: 'a server certificate from an unknown CA',
    error: systemError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
    kind: 'tls',
    message: /not signed by the CA Berth was given/,
  },
  {
    case: 'a self-signed server certificate',
    error: systemError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
    kind: 'tls',
    message: /not signed by the CA Berth was given/,
  },
  {
    case: 'a missing issuer',
    error: systemError(
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'unable to get local issuer certificate',
    ),
    kind: 'tls',
    message: /not signed by the CA/,
  },
  {
    case: 'a certificate for another name',
    error: systemError(
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames: IP: 10.0.0.2 is not in the cert's list: ",
    ),
    kind: 'tls',
    message: /does not name the address Berth used/,
  },
  {
    case: 'an expired certificate',
    error: systemError('CERT_HAS_EXPIRED', 'certificate has expired'),
    kind: 'tls',
    message: /has expired/,
  },
  {
    case: 'a client certificate the server rejects',
    error: systemError(
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      'error:0A000412:SSL routines::sslv3 alert bad certificate',
    ),
    kind: 'tls',
    message: /refused Berth's client certificate/,
  },
  {
    case: 'a client certificate the server requires',
    error: systemError(
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      'error:0A00045C:SSL routines::tlsv13 alert certificate required',
    ),
    kind: 'tls',
    message: /refused Berth's client certificate/,
  },
  {
    case: 'a client certificate from a CA the server does not know',
    error: systemError('EPROTO', 'error:0A000418:SSL routines::tlsv1 alert unknown ca'),
    kind: 'tls',
    message: /refused Berth's client certificate/,
  },
  {
    case: 'a reset during the handshake',
    error: systemError(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    ),
    kind: 'tls',
    message: /refused Berth's client certificate/,
  },
  {
    case: 'a hang-up right after a TLS handshake',
    error: systemError('ECONNRESET', 'socket hang up'),
    secure: true,
    kind: 'tls',
    message: /closed the TLS connection; it may not accept Berth's client certificate/,
  },
  {
    case: 'a wrong key passphrase',
    error: systemError('ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt'),
    kind: 'tls',
    message: /passphrase of the client key for lab-2 is wrong/,
  },
  {
    case: 'an encrypted key without passphrase',
    error: systemError(
      'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED',
      'error:0480006D:PEM routines::bad password read',
    ),
    kind: 'tls',
    message: /passphrase/,
  },
  {
    case: 'TLS spoken to a plain port',
    error: systemError('EPROTO', 'error:0A00010B:SSL routines::wrong version number'),
    kind: 'tls',
    message: /does not speak TLS on this port/,
  },
  {
    case: 'plain HTTP spoken to a TLS port',
    error: engineError(400, 'Client sent an HTTP request to an HTTPS server.\n'),
    kind: 'tls',
    message: /expects TLS on this port/,
  },
  {
    case: 'a thrown string',
    error: 'boom',
    kind: 'engine',
    message: /^lab-2 failed to start container berth-web-t1\.$/,
  },
];

describe('classifyEngineError', () => {
  it.each(rows)('classifies $case', (row) => {
    const error = classifyEngineError(row.error, {
      ...context,
      action: row.action ?? context.action,
      secure: row.secure ?? false,
    });

    expect(error).toBeInstanceOf(BerthError);
    expect(error.kind).toBe(row.kind);
    expect(error.message).toMatch(row.message);
  });

  it('keeps the engine text for the audit log and out of the safe message', () => {
    const error = classifyEngineError(
      engineError(500, { message: 'devmapper: Thin Pool has 0 free data blocks' }),
      context,
    );

    expect(error.engineMessage).toBe('devmapper: Thin Pool has 0 free data blocks');
    expect(error.message).not.toContain('devmapper');
    expect(error.statusCode).toBe(500);
    expect(error.toInfo()).toEqual({ kind: 'engine', message: error.message });
  });

  it('passes a BerthError through unchanged', () => {
    const original = new BerthError('invalid-input', 'The image reference is empty.');

    expect(classifyEngineError(original, context)).toBe(original);
  });

  it('speaks of the engine when no host name is known', () => {
    const error = classifyEngineError(systemError('ECONNREFUSED', 'connect ECONNREFUSED'), {
      action: 'engine.ping',
      target: 'x',
    });

    expect(error.message).toMatch(/^The engine refused the connection/);
  });
});

describe('engineTextOf', () => {
  it.each([
    ['an object body', engineError(404, { message: 'No such image: a' }), 'No such image: a'],
    [
      'a Buffer body',
      engineError(404, Buffer.from('{"message":"No such image: b"}')),
      'No such image: b',
    ],
    ['a plain text body', engineError(500, Buffer.from('page not found\n')), 'page not found'],
    ['a null body', engineError(500, null), '(HTTP code 500) unexpected - null'],
    [
      'a socket error',
      systemError('ECONNREFUSED', 'connect ECONNREFUSED /x'),
      'connect ECONNREFUSED /x',
    ],
  ])('reads the engine text from %s', (_name, error, text) => {
    expect(engineTextOf(error)).toBe(text);
  });
});
