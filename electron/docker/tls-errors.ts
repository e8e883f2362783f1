// Names what went wrong in a TLS connection to an engine, one diagnosis per cause an operator can fix.

const unknownCaCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const expiredCodes = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

// Alerts the server sends when it does not accept the client certificate.
const clientCertAlertCodes = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

/** A safe message for a TLS failure (by Node's error code and OpenSSL's text), or null when it is not one. */
export function diagnoseTls(
  code: string,
  engineText: string,
  hostName: string | undefined,
  secure = false,
  clientCertificate = true,
): string | null {
  const host = hostName ?? 'the engine';
  const Host = hostName ?? 'The engine';
  const text = engineText.toLowerCase();

  if (
    code === 'ERR_OSSL_BAD_DECRYPT' ||
    text.includes('bad decrypt') ||
    text.includes('bad password read')
  ) {
    return `The passphrase of the client key for ${host} is wrong or missing.`;
  }
  if (unknownCaCodes.has(code)) {
    return `The certificate of ${host} is not signed by the CA Berth was given; check the CA certificate.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The certificate of ${host} does not name the address Berth used; set the server name it was issued for.`;
  }
  if (expiredCodes.has(code)) {
    return `The certificate of ${host} has expired or is not valid yet.`;
  }
  if (
    clientCertAlertCodes.has(code) ||
    /alert (bad certificate|certificate required|unknown ca|certificate unknown)/.test(text) ||
    (code === 'ECONNRESET' && text.includes('before secure tls connection'))
  ) {
    if (!clientCertificate) {
      return `${Host} asks for Berth's client certificate, and none is set; add the client certificate and key, or a cert folder.`;
    }
    return `${Host} refused Berth's client certificate; check that it trusts the CA that signed it.`;
  }
  // Under TLS 1.3 a server that rejects the client certificate may just hang up after the handshake.
  if (secure && (code === 'ECONNRESET' || text === 'socket hang up')) {
    if (!clientCertificate) {
      return `${Host} closed the TLS connection; it may ask for Berth's client certificate, and none is set.`;
    }
    return `${Host} closed the TLS connection; it may not accept Berth's client certificate (check that it trusts the CA that signed it).`;
  }
  if (text.includes('wrong version number') || text.includes('packet length too long')) {
    return `${Host} does not speak TLS on this port; check the port or use plain TCP.`;
  }
  if (text.includes('client sent an http request to an https server')) {
    return `${Host} expects TLS on this port; set up a TLS connection.`;
  }
  if (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_OSSL_') ||
    (code === 'EPROTO' && text.includes('ssl'))
  ) {
    return `The TLS connection to ${host} failed; check its certificates.`;
  }
  return null;
}
