// How every browser-mode response is written: security headers, JSON bodies, status codes by error kind.
import type { ServerResponse } from 'node:http';
import type { ErrorInfo, ErrorKind } from '../../shared/errors';
import type { ApiResponse } from '../../shared/rpc';

const statusByKind: Record<ErrorKind, number> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  'already-in-state': 409,
  'port-in-use': 409,
  limit: 409,
  cancelled: 409,
  unreachable: 502,
  tls: 502,
  engine: 502,
  timeout: 504,
  storage: 503,
  internal: 500,
};

/** The HTTP status for an API answer: 200 for a result, the error kind's status otherwise. */
export function statusFor(response: ApiResponse): number {
  return response.ok ? 200 : statusByKind[response.error.kind];
}

/** The Content-Security-Policy for the served interface; `authorities` are its own host:port pairs. */
export function contentSecurityPolicy(authorities: readonly string[]): string {
  // CSP host sources cannot spell IPv6 literals; 'self' still covers a page loaded from one.
  const sockets = authorities
    .filter((authority) => !authority.startsWith('['))
    .map((authority) => `ws://${authority}`)
    .join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the headers every response carries, whatever it is. */
export function applySecurityHeaders(response: ServerResponse, csp: string): void {
  response.setHeader('Content-Security-Policy', csp);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Writes `text` (already JSON) with the given status, never cached. */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** Writes an ApiResponse error body. */
export function sendError(
  response: ServerResponse,
  status: number,
  error: ErrorInfo,
  headers: Record<string, string> = {},
): void {
  const body: ApiResponse = { ok: false, error };
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** Writes a short plain-text answer, for pages rather than scripts. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
