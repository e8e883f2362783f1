import { describe, expect, it } from 'vitest';
import { classifyEngineError } from '../../../electron/docker/engine-errors';

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const context = { action: 'engine.version', target: 'lab', hostName: 'lab', secure: true };

describe('TLS diagnoses that depend on whether Berth sent a client certificate', () => {
  const alert = systemError(
    'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    'error:0A000412:SSL routines::sslv3 alert bad certificate',
  );
  const hangUp = systemError('ECONNRESET', 'socket hang up');

  it('says the certificate was refused when one was sent', () => {
    expect(classifyEngineError(alert, { ...context, clientCertificate: true }).message).toBe(
      "lab refused Berth's client certificate; check that it trusts the CA that signed it.",
    );
  });

  it('says one is needed when none was sent', () => {
    expect(classifyEngineError(alert, { ...context, clientCertificate: false }).message).toBe(
      "lab asks for Berth's client certificate, and none is set; add the client certificate and key, or a cert folder.",
    );
    expect(classifyEngineError(hangUp, { ...context, clientCertificate: false }).message).toBe(
      "lab closed the TLS connection; it may ask for Berth's client certificate, and none is set.",
    );
  });

  it('keeps the engine text for the audit log only', () => {
    const error = classifyEngineError(alert, { ...context, clientCertificate: false });

    expect(error.kind).toBe('tls');
    expect(error.engineMessage).toContain('alert bad certificate');
    expect(error.toInfo()).toEqual({ kind: 'tls', message: error.message });
  });
});
